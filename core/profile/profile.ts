// Provisioning profiles (Apple TN3125): a plist in a CMS SignedData (RFC 5652), or a bare XML/binary plist
// (decoded, reported `unsigned`). Bytes in, plain data out; only ProvlensError escapes.
import { readCertificate } from '../cms/certificate';
import { looksLikeCms, parseSignedData } from '../cms/cms';
import { absentDerProfile, checkDerProfile } from './der-profile';
import { ProvlensError } from '../errors';
import { isBinaryPlist, parsePlist, xmlPlistStart } from './plist';
import { fromBase64 } from '../base64';
import { isMacPlatform, profileType } from './profile-type';
import { APPLE_CA_SHA256, IOS_PROFILE_POLICY, MACOS_PROFILE_POLICY, assessSignature } from '../cms/trust';
import type { DecodedProfile, DeveloperCertificate, JsonObject, JsonValue, Profile, SignatureReport } from '../types';

/** Real profiles are < 100 KB; anything far larger is refused before parsing. */
export const MAX_PROFILE_BYTES = 4 * 1024 * 1024;

export interface DecodeOptions {
  /** SHA-256 pins (hex) of the CAs a signature may chain to; defaults to APPLE_CA_SHA256. */
  trustedCaSha256?: readonly string[];
  /** "Now" for signerValidNow; defaults to the current time. */
  now?: Date;
  /** Input limit in bytes; defaults to MAX_PROFILE_BYTES. */
  maxBytes?: number;
}

// Keys every real profile has at least one of; a plist with none of them is some other plist.
const PROFILE_KEYS = ['UUID', 'ExpirationDate', 'DeveloperCertificates', 'Entitlements', 'TeamIdentifier', 'ProvisionedDevices'];

export async function decodeProfile(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedProfile> {
  try {
    return await decode(bytes, options);
  } catch (error) {
    if (error instanceof ProvlensError) throw error;
    throw new ProvlensError('internal', `unexpected failure while decoding a profile: ${String(error)}`, { cause: error });
  }
}

async function decode(bytes: Uint8Array, options: DecodeOptions): Promise<DecodedProfile> {
  const maxBytes = options.maxBytes ?? MAX_PROFILE_BYTES;
  if (bytes.length === 0) throw new ProvlensError('empty', 'the file is empty');
  if (bytes.length > maxBytes) throw new ProvlensError('too-large', `the file is ${bytes.length} bytes; profiles are far smaller (limit ${maxBytes})`);
  const now = options.now ?? new Date();
  const trustedCaSha256 = options.trustedCaSha256 ?? APPLE_CA_SHA256;
  const signedData = looksLikeCms(bytes) ? parseSignedData(bytes) : null;
  if (signedData && !signedData.content) throw new ProvlensError('malformed-cms', 'the CMS envelope carries no content');
  const plist = signedData?.content
    ? readProfilePlist(signedData.content, 'the signed content is not a property list')
    : readProfilePlist(bytes, 'neither a signed profile (CMS) nor a property list');
  // The outer signature and the profile's own checks (certificates, DER copy) run concurrently: WebCrypto
  // operations are asynchronous and mostly waiting.
  const platforms = texts(plist.Platform);
  const [profile, signature] = await Promise.all([
    readProfile(plist, { trustedCaSha256, now }),
    signedData
      ? assessSignature(signedData, {
          trustedCaSha256,
          now,
          policy: isMacPlatform(platforms) ? MACOS_PROFILE_POLICY : IOS_PROFILE_POLICY,
          fallbackTime: text(plist.CreationDate),
        })
      : unsigned(),
  ]);
  return { profile, signature };
}

function unsigned(): SignatureReport {
  return {
    status: 'unsigned',
    signer: null,
    chain: [],
    signedAt: null,
    signerValidNow: null,
    reason: 'a bare property list: no signature vouches for its content',
  };
}

function readProfilePlist(bytes: Uint8Array, notAPlist: string): JsonObject {
  if (!isBinaryPlist(bytes) && xmlPlistStart(latin1Head(bytes)) < 0) throw new ProvlensError('not-a-profile', notAPlist);
  const value = parsePlist(bytes);
  if (!isDict(value) || !PROFILE_KEYS.some((key) => Object.hasOwn(value, key))) {
    throw new ProvlensError('not-a-profile', 'a property list, but not a provisioning profile');
  }
  return value;
}

async function readProfile(plist: JsonObject, trust: { trustedCaSha256: readonly string[]; now: Date }): Promise<Profile> {
  const entitlements = isDict(plist.Entitlements) ? plist.Entitlements : {};
  const applicationIdentifier = text(entitlements['application-identifier']) ?? text(entitlements['com.apple.application-identifier']);
  const prefix = texts(plist.ApplicationIdentifierPrefix)?.[0] ?? applicationIdentifier?.split('.')[0] ?? null;
  const bundleId = applicationIdentifier === null ? null : applicationIdentifier.startsWith(`${prefix}.`) ? applicationIdentifier.slice(`${prefix}.`.length) : applicationIdentifier.slice(applicationIdentifier.indexOf('.') + 1);
  const platforms = texts(plist.Platform);
  const devices = texts(plist.ProvisionedDevices) ?? [];
  const provisionsAllDevices = plist.ProvisionsAllDevices === true;
  const getTaskAllow = flag(entitlements['get-task-allow']);
  const certificates = await readCertificates(plist.DeveloperCertificates);
  const derBytes = typeof plist['DER-Encoded-Profile'] === 'string' ? fromBase64(plist['DER-Encoded-Profile']) : null;
  const der = derBytes
    ? await checkDerProfile(derBytes, { plist, entitlements, certificateSha256: certificates.map((c) => c.sha256) }, trust)
    : null;
  const derProfile = der?.report ?? (plist['DER-Encoded-Profile'] === undefined ? absentDerProfile() : undecodableDer());
  return {
    name: text(plist.Name),
    uuid: text(plist.UUID),
    appIdName: text(plist.AppIDName),
    teamId: texts(plist.TeamIdentifier)?.[0] ?? text(entitlements['com.apple.developer.team-identifier']),
    teamName: text(plist.TeamName),
    applicationIdentifier,
    applicationIdentifierPrefix: prefix,
    bundleId,
    wildcard: bundleId?.endsWith('*') ?? false,
    platforms,
    type: profileType({ distributionType: derProfile.distributionType, platforms, deviceCount: devices.length, provisionsAllDevices, getTaskAllow }),
    createdAt: text(plist.CreationDate),
    expiresAt: text(plist.ExpirationDate),
    timeToLive: typeof plist.TimeToLive === 'number' ? plist.TimeToLive : null,
    provisionsAllDevices,
    devices,
    getTaskAllow,
    apsEnvironment: text(entitlements['aps-environment']) ?? text(entitlements['com.apple.developer.aps-environment']),
    entitlements,
    isXcodeManaged: flag(plist.IsXcodeManaged),
    certificates,
    derProfile,
  };
}

function undecodableDer(): Profile['derProfile'] {
  return { present: true, signature: null, distributionType: null, consistent: null, mismatches: ['DER-Encoded-Profile is not valid base64'] };
}

/** Each DeveloperCertificate that decodes; placeholders and junk (seen in other tools' test files) are left out. */
async function readCertificates(value: JsonValue | undefined): Promise<DeveloperCertificate[]> {
  const ders = (texts(value) ?? []).map(fromBase64).filter((der): der is Uint8Array => der !== null && der.length > 0);
  const read = await Promise.all(ders.map((der) => readCertificate(der).catch((error: unknown) => {
    if (error instanceof ProvlensError) return null;
    throw error;
  })));
  return read.filter((cert): cert is DeveloperCertificate => cert !== null);
}

const latin1 = new TextDecoder('latin1');

/** The first bytes as text, enough to find where a plist starts (one decoder call: a spread of 4,096 arguments cost
 *  a quarter of a millisecond per profile). */
function latin1Head(bytes: Uint8Array): string {
  return latin1.decode(bytes.subarray(0, 4096));
}

function isDict(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function texts(value: JsonValue | undefined): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

function flag(value: JsonValue | undefined): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
