// The same signed app in every ZIP shape the tools that write .ipa files produce (PKWARE APPNOTE.TXT 6.3.x):
// deflated members with no directory entries (fflate, Xcode's own writer), directory entries (ditto, Finder, zip -r),
// Info-ZIP's extra fields (zip -r: longer in the local header than in the central one), stored members (zip -0, some CI packagers, already-compressed assets), data descriptors (general-purpose bit 3:
// streaming writers such as Java's ZipOutputStream), and ZIP64 records (archives past 4 GiB, and tools that always
// write them). The check must judge the app the same in every container, through the browser's primitives and the
// CLI's Node ones: intact as signed, and the same changes named after it was altered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeApp } from '../../../core/app/app';
import { useAppPrimitives } from '../../../core/app/platform';
import { NODE_APP_PRIMITIVES } from '../../../cli/node-primitives';
import type { DecodedApp } from '../../../core/types';
import { flipByte, makeShapedApp, writeZip, type ZipShape } from '../../fixtures/app-shapes';
import { APP_ID, NOW, TEAM, appFixtures, type AppFixtures } from './app-fixtures';

const utf8 = new TextEncoder();
const ROOT = 'Payload/Field.app/';
const KIT = `${ROOT}Frameworks/Kit.framework/`;

let f: AppFixtures;
let genuine: Record<string, Uint8Array>;
let changed: Record<string, Uint8Array>;

const isCode = (name: string): boolean => name === `${ROOT}Field` || name === `${KIT}Kit`;
const SHAPES: [string, ZipShape][] = [
  ['deflated, no directory entries', {}],
  ['directory entries', { directories: true }],
  ['stored members', { stored: () => true }],
  ['stored code, deflated resources', { stored: isCode }],
  ['data descriptors', { dataDescriptor: true }],
  ['data descriptors on stored members', { dataDescriptor: true, stored: () => true }],
  ['data descriptors without their signature', { dataDescriptor: 'unsigned', stored: isCode }],
  ['ZIP64 records', { zip64: true }],
  ['ZIP64 with data descriptors, directory entries and stored code', { zip64: true, dataDescriptor: true, directories: true, stored: isCode }],
  ['ZIP64 extra fields holding only the sizes (the offsets fit in 32 bits)', { zip64: true, zip64Fields: 'sizes' }],
  ['ZIP64 extra fields holding only the offsets (as members past 4 GiB do)', { zip64: true, zip64Fields: 'offset' }],
  ['Info-ZIP extra fields (zip -r)', { infoZipExtras: true, directories: true }],
  ['Info-ZIP extra fields before the ZIP64 field, with data descriptors', { infoZipExtras: true, zip64: true, dataDescriptor: true }],
];

// What the alteration below must be found to be, whatever the container: the executable's, then the seal's (nested
// code as the seal is walked, files once hashed, added files last).
const EXPECTED_CHANGES = [
  ['code-modified', 'Field'],
  ['info-plist-modified', 'Info.plist'],
  ['nested-code-modified', 'Frameworks/Kit.framework/Kit'],
  ['file-modified', 'Assets.car'],
  ['file-modified', 'Movie.m4v'],
  ['file-added', 'Plugin.dylib'],
];

beforeAll(async () => {
  f = await appFixtures();
  // A resource large enough to be hashed while it inflates (over 64 KiB), and poorly compressible, as media are.
  let seed = 7;
  const movie = new Uint8Array(200_000).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
  const entitlements = { 'application-identifier': `${TEAM}.${APP_ID}`, 'com.apple.developer.team-identifier': TEAM };
  genuine = (await makeShapedApp([
    {
      path: ROOT,
      bundleId: APP_ID,
      executable: 'Field',
      slices: [{ cpu: 'arm64', codeBytes: 40_000, signature: f.signedBy(f.developer, { entitlements }) }],
      resources: { 'Assets.car': utf8.encode('asset catalog'), 'Movie.m4v': movie, 'embedded.mobileprovision': await f.profile() },
    },
    {
      path: KIT,
      bundleId: 'com.contoso.kit',
      executable: 'Kit',
      slices: [{ cpu: 'arm64', codeBytes: 9000, signature: f.signedBy(f.developer, { identifier: 'com.contoso.kit' }) }],
      resources: { 'Kit.strings': utf8.encode('strings') },
    },
  ])).members;
  changed = { ...genuine };
  flipByte(changed, `${ROOT}Field`, 20_000);
  changed[`${ROOT}Info.plist`] = utf8.encode(new TextDecoder().decode(genuine[`${ROOT}Info.plist`]).replace('<string>1.0</string>', '<string>1.1</string>'));
  changed[`${ROOT}Assets.car`] = utf8.encode('another catalog');
  flipByte(changed, `${ROOT}Movie.m4v`, 150_000);
  flipByte(changed, `${KIT}Kit`, 5000);
  changed[`${ROOT}Plugin.dylib`] = utf8.encode('payload');
}, 120_000);

afterAll(() => useAppPrimitives({}));

async function decode(members: Record<string, Uint8Array>, shape: ZipShape): Promise<DecodedApp> {
  return decodeApp(writeZip(members, shape), { now: NOW, trustedCaSha256: f.pki.trustedCaSha256 });
}

describe.each([
  ['the browser primitives', {}],
  ['the Node primitives', NODE_APP_PRIMITIVES],
])('through %s', (_, primitives) => {
  beforeAll(() => useAppPrimitives(primitives));

  it.each(SHAPES)('%s: intact as signed, every change named after', async (__, shape) => {
    const app = await decode(genuine, shape);
    expect(app.notes).toEqual([]);
    expect(app.bundles.map((b) => [b.path, b.integrity.status, b.integrity.problems, b.capabilities.status, b.notes])).toEqual([[ROOT, 'intact', [], 'covered', []]]);
    const [bundle] = (await decode(changed, shape)).bundles;
    expect(bundle?.integrity.status).toBe('modified');
    expect(bundle?.integrity.problems.map((p) => [p.code, p.path ?? null])).toEqual(EXPECTED_CHANGES);
  });
});

describe('the shapes themselves', () => {
  it('are what they claim: bit 3 set, ZIP64 end records present, methods and directory entries as asked', () => {
    const zip = writeZip({ 'Payload/A.app/x': utf8.encode('xx'), 'Payload/A.app/y': utf8.encode('y') }, { zip64: true, dataDescriptor: true, directories: true, stored: (name) => name.endsWith('x') });
    const view = new DataView(zip.buffer);
    const local = (at: number) => ({ flags: view.getUint16(at + 6, true), method: view.getUint16(at + 8, true), size: view.getUint32(at + 22, true) });
    expect(local(0)).toEqual({ flags: 0x808, method: 0, size: 0xffffffff }); // "Payload/" directory entry
    const eocd = zip.length - 22;
    expect(view.getUint32(eocd, true)).toBe(0x06054b50);
    expect(view.getUint32(eocd + 16, true)).toBe(0xffffffff);
    expect(view.getUint32(eocd - 20, true)).toBe(0x07064b50);
    const names: string[] = [];
    for (let at = Number(view.getBigUint64(Number(view.getBigUint64(eocd - 12, true)) + 48, true)); view.getUint32(at, true) === 0x02014b50;) {
      const nameLength = view.getUint16(at + 28, true);
      names.push(`${new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength))}:${view.getUint16(at + 10, true)}`);
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    expect(names).toEqual(['Payload/:0', 'Payload/A.app/:0', 'Payload/A.app/x:0', 'Payload/A.app/y:8']);
  });

  it('carry Info-ZIP extra fields longer in the local header than in the central one, the ZIP64 field after them', () => {
    const zip = writeZip({ 'Payload/A.app/x': utf8.encode('xx') }, { zip64: true, infoZipExtras: true });
    const view = new DataView(zip.buffer);
    const fields = (at: number, length: number): number[] => {
      const ids: number[] = [];
      for (let field = at; field < at + length; field += 4 + view.getUint16(field + 2, true)) ids.push(view.getUint16(field, true));
      return ids;
    };
    const localExtra = view.getUint16(28, true);
    expect(fields(30 + view.getUint16(26, true), localExtra)).toEqual([0x0001, 0x5455, 0x7875]);
    const central = Number(view.getBigUint64(Number(view.getBigUint64(zip.length - 22 - 12, true)) + 48, true));
    expect(view.getUint32(central, true)).toBe(0x02014b50);
    const centralExtra = view.getUint16(central + 30, true);
    expect(fields(central + 46 + view.getUint16(central + 28, true), centralExtra)).toEqual([0x5455, 0x7875, 0x0001]);
    expect([localExtra, centralExtra]).toEqual([20 + 13 + 15, 9 + 15 + 28]);
  });
});
