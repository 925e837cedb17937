// The real in-house profiles the tenant tests push through a fake Intune, read from ../shared/fixtures at test time
// (never copied into the repository). At NOW (2020-06-15, tests/core/tenant/jwt.ts) fireup's wildcard profile expires
// within 30 days, iconthemer's is good for half a year, and DockDoor's and ipa-resign's expired years ago.
import { readShared } from '../../shared-fixtures';

export const REAL = {
  /** 65YG889FGF.com.yitong.*, expires 2020-07-03T02:02:07Z; certificate until 2022-06-26. */
  fireup: 'profiles/fireup_enterprise_2019_wildcard_embedded.mobileprovision',
  /** VX3477C4M7.com.yiqi.artchat, expires 2020-12-25T09:55:51Z; certificate until 2022-12-06. */
  iconthemer: 'profiles/iconthemer_enterprise_2019_embedded2.mobileprovision',
  /** F2RA56U293.com.mccrearymodern.DockDoor, expired 2014-10-25; certificate expired 2016. */
  dockDoor: 'profiles/DockDoor_enterprise_2013_DockDoor.mobileprovision',
  /** XFA9C6XUR7.com.redbird.company.MixProject, expired 2017-06-23. */
  ipaResign: 'profiles/ipa-resign_enterprise_2016_resign_embedded.mobileprovision',
} as const;

export function realBase64(path: string): string {
  return Buffer.from(readShared(path)).toString('base64');
}

/** A copy changed after Apple signed it: one letter of the AppIDName flips case, as an edit in a text editor would. */
export function tamperedBase64(path: string): string {
  const bytes = Buffer.from(readShared(path));
  const key = bytes.indexOf('<key>AppIDName</key>');
  const value = bytes.indexOf('<string>', key) + '<string>'.length;
  if (key < 0 || value < '<string>'.length) throw new Error(`no AppIDName in ${path}`);
  let at = value;
  while (!/[A-Za-z]/.test(String.fromCharCode(bytes[at] ?? 0x41))) at += 1;
  bytes[at] = (bytes[at] ?? 0) ^ 0x20;
  return bytes.toString('base64');
}
