// Hostile app shapes for the integrity reader (issue 9 part 5), each built from a factory-signed bundle and bent the
// way a broken or hostile tool would: the SuperBlob truncated, a blob offset outside it, a CodeDirectory page count
// that overflows, a zip member that lies about its size, a CodeResources that is not a plist, 10,000 sealed files, a
// sealed symlink that leaves the bundle. Plus `mutateSignature`, random byte damage inside the signature for the
// seeded fuzz run. Each shape names the typed problem code it must produce.
import { readMachO } from '../../core/app/macho';
import type { IntegrityCode } from '../../core/types';
import { alterApp, makeApp, type BundleSpec, type CodeSignatureSpec } from '../fixtures/app-factory';
import type { Prng } from './prng';

export const ROOT = 'Payload/Shape.app/';
export const EXE = `${ROOT}shape`;
const utf8 = new TextEncoder();

export interface AppShape {
  name: string;
  bytes: Uint8Array;
  /** The problem code the reader must name (the archive still decodes). */
  expect: IntegrityCode;
}

export function shapeBundle(signature: CodeSignatureSpec, extra: Partial<BundleSpec> = {}): BundleSpec {
  return {
    path: ROOT,
    bundleId: 'com.example.shape',
    executable: 'shape',
    resources: { 'Assets.car': utf8.encode('assets') },
    executableContent: { slices: ['arm64'], codeBytes: 9000, signature },
    ...extra,
  };
}

/** Where the SuperBlob starts inside the (thin) executable. */
export function signatureOffset(executable: Uint8Array): number {
  const slice = readMachO(executable).slices[0];
  const blob = slice?.codeSignature;
  if (!blob) throw new Error('app-shapes: the executable is not signed');
  return blob.byteOffset - executable.byteOffset;
}

function editExecutable(ipa: Uint8Array, edit: (exe: Uint8Array, view: DataView, superBlob: number) => void): Uint8Array {
  return alterApp(ipa, (members) => {
    const exe = members[EXE]?.slice();
    if (!exe) throw new Error('app-shapes: no executable');
    edit(exe, new DataView(exe.buffer), signatureOffset(exe));
    members[EXE] = exe;
  });
}

export async function appShapes(signature: CodeSignatureSpec): Promise<AppShape[]> {
  const signed = await makeApp({ bundles: [shapeBundle(signature)] });
  const shapes: AppShape[] = [
    // The SuperBlob's own length claims far more than the load command reserved.
    { name: 'truncated-superblob', bytes: editExecutable(signed, (_, view, at) => view.setUint32(at + 4, 0x7fffffff)), expect: 'signature-malformed' },
    // The first index entry (the CodeDirectory) points 4 GiB away.
    { name: 'offset-outside-blob', bytes: editExecutable(signed, (_, view, at) => view.setUint32(at + 16, 0xfffffff0)), expect: 'signature-malformed' },
    // nCodeSlots = 2^32 − 1: a table that would overflow any 32-bit size computation.
    {
      name: 'page-count-overflow',
      bytes: editExecutable(signed, (_, view, at) => view.setUint32(at + view.getUint32(at + 16) + 28, 0xffffffff)),
      expect: 'signature-malformed',
    },
    { name: 'code-resources-not-a-plist', bytes: alterApp(signed, (m) => void (m[`${ROOT}_CodeSignature/CodeResources`] = utf8.encode('{"not": "a plist"}'))), expect: 'resources-malformed' },
    { name: 'zip-member-lies-about-size', bytes: lieAboutSize(signed, `${ROOT}Assets.car`), expect: 'file-modified' },
    {
      name: 'symlink-leaves-bundle',
      bytes: await makeApp({ bundles: [shapeBundle(signature, { symlinks: { 'Resources/passwd': '../../../../etc/passwd' } })] }),
      expect: 'symlink-escapes',
    },
  ];
  return shapes;
}

/** A bundle sealing `count` small files, every one present and intact. */
export async function manySealedFiles(signature: CodeSignatureSpec, count: number): Promise<Uint8Array> {
  const resources: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) resources[`Files/${String(i).padStart(5, '0')}.txt`] = utf8.encode(`file ${i}`);
  return makeApp({ bundles: [shapeBundle(signature, { resources })] });
}

/** Rewrites the central directory's uncompressed size of one member to half of what it really inflates to. */
function lieAboutSize(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = utf8.encode(name);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const found = out.subarray(at + 46, at + 46 + nameLength);
    if (found.length === wanted.length && found.every((byte, i) => byte === wanted[i])) {
      view.setUint32(at + 24, Math.max(1, view.getUint32(at + 24, true) >>> 1), true);
      return out;
    }
  }
  throw new Error(`app-shapes: ${name} not in the central directory`);
}

/** Random damage inside the executable's signature (index, CodeDirectory, CMS), for the seeded fuzz run. */
export function mutateSignature(rng: Prng, ipa: Uint8Array): Uint8Array {
  return editExecutable(ipa, (exe, view, at) => {
    const length = Math.min(view.getUint32(at + 4), exe.length - at);
    const flips = 1 + rng.int(4);
    for (let i = 0; i < flips; i++) {
      const where = at + rng.int(Math.min(length, rng.next() < 0.5 ? 256 : length));
      exe[where] = rng.next() < 0.5 ? rng.int(256) : rng.pick([0x00, 0xff, 0x7f, 0x80]);
    }
  });
}

/** Corrupts the deflate stream of one member so that inflating it fails outright. */
export function corruptMember(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = utf8.encode(name);
  for (let at = 0; at + 30 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    const found = out.subarray(at + 30, at + 30 + nameLength);
    if (found.length !== wanted.length || !found.every((byte, i) => byte === wanted[i])) continue;
    const start = at + 30 + nameLength + view.getUint16(at + 28, true);
    out.fill(0xff, start, start + Math.min(8, view.getUint32(at + 18, true)));
    return out;
  }
  throw new Error(`app-shapes: ${name} has no local header`);
}
