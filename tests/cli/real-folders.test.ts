// Part of the CLI that meets real folders and terminals: files.ts (debris, broken links, FIFOs, directories, sizes
// checked before reading), wrap.ts and style.ts (terminal width, NO_COLOR / FORCE_COLOR / TERM=dumb), and through
// main(): --version, an empty folder, entitlements and --devices, CSV --bom, "Until" only when the app is kept alive.
// Unreadable folders need a non-root user, so that case runs on the installed bin in tests/e2e/package.e2e.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPaths, isMacDebris, readInput } from '../../cli/files';
import { main } from '../../cli/provlens';
import { wantsColour } from '../../cli/style';
import { visibleLength, wrapLines } from '../../cli/wrap';
import { makeApp } from '../fixtures/app-factory';
import { makeProfile, sharedTestPki, type TestPki } from '../fixtures/factory';
import { runCli } from './run-cli';

/** The same archive with its end records in zip64 form (APPNOTE 4.3.14–4.3.16): the classic record's counts, size
 *  and offset are all 0xFF…, so a reader must follow the zip64 locator to find the central directory. */
function toZip64(zip: Uint8Array): Uint8Array {
  const at = zip.length - 22;
  const eocd = new DataView(zip.buffer, zip.byteOffset + at, 22);
  if (eocd.getUint32(0, true) !== 0x06054b50) throw new Error('expected an end record without a comment');
  const [entries, size, offset] = [eocd.getUint16(10, true), eocd.getUint32(12, true), eocd.getUint32(16, true)];
  const out = new Uint8Array(at + 56 + 20 + 22);
  out.set(zip.subarray(0, at));
  const view = new DataView(out.buffer);
  view.setUint32(at, 0x06064b50, true);
  view.setBigUint64(at + 4, 44n, true);
  view.setUint16(at + 12, 45, true);
  view.setUint16(at + 14, 45, true);
  view.setBigUint64(at + 24, BigInt(entries), true);
  view.setBigUint64(at + 32, BigInt(entries), true);
  view.setBigUint64(at + 40, BigInt(size), true);
  view.setBigUint64(at + 48, BigInt(offset), true);
  view.setUint32(at + 56, 0x07064b50, true);
  view.setBigUint64(at + 64, BigInt(at), true);
  view.setUint32(at + 72, 1, true);
  const end = at + 76;
  view.setUint32(end, 0x06054b50, true);
  for (const field of [8, 10]) view.setUint16(end + field, 0xffff, true);
  for (const field of [12, 16]) view.setUint32(end + field, 0xffffffff, true);
  return out;
}

const UDIDS = ['00008030-001A2D3E4F5A6B7C', '00008101-000A1B2C3D4E5F60'];
let pki: TestPki;
let trust: string[];
let dir: string;
const path = (name: string) => join(dir, name);

const run = runCli;

beforeAll(async () => {
  pki = await sharedTestPki();
  trust = pki.trustedCaSha256.flatMap((pin) => ['--trust-ca', pin]);
  dir = mkdtempSync(join(tmpdir(), 'provlens-folders-'));
  const profile = await makeProfile(pki, {
    type: 'development', devices: UDIDS, createdAt: new Date('2026-01-10T08:00:00Z'), expiresAt: new Date('2027-01-10T08:00:00Z'),
    entitlements: { 'com.apple.security.application-groups': ['group.com.example.a', 'group.com.example.b'] },
  });
  mkdirSync(path('messy/__MACOSX/nested'), { recursive: true });
  mkdirSync(path('messy/sub'));
  mkdirSync(path('empty'));
  writeFileSync(path('dev.mobileprovision'), profile);
  writeFileSync(path('messy/a.mobileprovision'), profile);
  writeFileSync(path('messy/._a.mobileprovision'), 'AppleDouble header');
  writeFileSync(path('messy/__MACOSX/nested/a.mobileprovision'), profile);
  writeFileSync(path('messy/sub/b.provisionprofile'), profile);
  symlinkSync(path('gone'), path('messy/broken.mobileprovision'));
  symlinkSync(path('messy/sub'), path('messy/linked-folder.mobileprovision'));
  execFileSync('mkfifo', [path('messy/pipe.mobileprovision')]);
  // Sparse files: their size is what stat reports, and nothing may be read to refuse them.
  writeFileSync(path('huge.mobileprovision'), '');
  truncateSync(path('huge.mobileprovision'), 5 * 1024 * 1024);
  writeFileSync(path('huge.ipa'), 'PK\u0003\u0004');
  truncateSync(path('huge.ipa'), 2 * 1024 * 1024 * 1024 + 1);
  writeFileSync(path('zip64.ipa'), toZip64(await makeApp({ bundles: [{ path: 'Payload/Demo.app/', bundleId: 'com.example.zip64', profile }] })));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files: what a folder expands to and what reading reports', () => {
  it('skips AppleDouble files and __MACOSX folders, keeps broken links and FIFOs as entries, does not follow folder links', async () => {
    expect(isMacDebris('._a.mobileprovision')).toBe(true);
    expect(isMacDebris('__MACOSX')).toBe(true);
    expect(isMacDebris('a._b.mobileprovision')).toBe(false);
    expect((await expandPaths([path('messy')])).map((file) => file.slice(dir.length + 1))).toEqual([
      'messy/a.mobileprovision',
      'messy/broken.mobileprovision',
      'messy/pipe.mobileprovision',
      'messy/sub/b.provisionprofile',
    ]);
  });

  it('reports a broken link, a FIFO, a device, a folder and a missing file as unreadable, each saying why', async () => {
    const why = async (file: string) => (await readInput(file)).readError;
    expect(await why(path('messy/broken.mobileprovision'))).toMatch(/broken symbolic link/);
    expect(await why(path('messy/pipe.mobileprovision'))).toMatch(/not a regular file \(a FIFO\)/);
    expect(await why('/dev/null')).toMatch(/not a regular file \(a character device\)/);
    expect(await why(path('empty'))).toBe(`cannot read ${path('empty')}: ${path('empty')} is a directory`);
    expect(await readInput(path('nothing.mobileprovision'))).toMatchObject({ bytes: null, errorCode: 'unreadable', readError: expect.stringMatching(/no such file/) });
  });

  it('refuses a 5 MB profile and a 2 GiB + 1 byte .ipa by their size, without reading them', async () => {
    expect(await readInput(path('huge.mobileprovision'))).toMatchObject({ bytes: null, errorCode: 'too-large', readError: expect.stringMatching(/5242880 bytes, over the 4194304-byte limit for a profile/) });
    expect(await readInput(path('huge.ipa'))).toMatchObject({ bytes: null, errorCode: 'too-large', readError: expect.stringMatching(/2147483649 bytes, over the 2147483648-byte limit for an \.ipa/) });
  });

  it('reads a zip64 archive (or would say why with a typed error), never a raw exception', async () => {
    const { stdout } = await run('inspect', '--json', ...trust, path('zip64.ipa'));
    const [result] = JSON.parse(stdout) as { kind: string; ok: boolean; error: unknown; app: { bundles: { bundleId: string; profile: { ok: boolean } }[] } }[];
    expect(result).toMatchObject({ kind: 'app', ok: true, error: null });
    expect(result?.app.bundles.map((bundle) => [bundle.bundleId, bundle.profile.ok])).toEqual([['com.example.zip64', true]]);
  });

  it('inspect goes on past every broken entry: each is an error in JSON and in the human form, exit 2', async () => {
    const { code, stdout } = await run('inspect', '--json', ...trust, '--now', '2026-06-01T00:00:00Z', path('messy'), path('huge.ipa'));
    const results = JSON.parse(stdout) as { file: string; kind: string; ok: boolean; error: { code: string } | null }[];
    expect(code).toBe(2);
    expect(results.map((r) => [r.file.slice(dir.length + 1), r.kind, r.error?.code ?? null])).toEqual([
      ['messy/a.mobileprovision', 'profile', null],
      ['messy/broken.mobileprovision', 'profile', 'unreadable'],
      ['messy/pipe.mobileprovision', 'profile', 'unreadable'],
      ['messy/sub/b.provisionprofile', 'profile', null],
      ['huge.ipa', 'app', 'too-large'],
    ]);
    const human = await run('inspect', ...trust, path('messy'));
    expect(human.stdout).toContain(`✗ ${path('messy/pipe.mobileprovision')}\n  Error         unreadable: cannot read ${path('messy/pipe.mobileprovision')}: not a regular file (a FIFO)\n`);
  });

  it('an empty folder is [] with --json and one clear line without, exit 0', async () => {
    expect(await run('inspect', '--json', path('empty'))).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(await run('inspect', path('empty'))).toEqual({ code: 0, stdout: `No .mobileprovision, .provisionprofile or .ipa files found in ${path('empty')}.\n`, stderr: '' });
  });

  it('refuses "-" twice: standard input can be read once', async () => {
    expect((await run('inspect', '-', '-')).code).toBe(64);
    expect((await run('diff', '-', '-')).code).toBe(64);
  });
});

describe('human output', () => {
  it('shows the entitlements one per line, the device count, and every UDID with --devices', async () => {
    const plain = await run('inspect', '--now', '2026-06-01T00:00:00Z', ...trust, path('dev.mobileprovision'));
    expect(plain.stdout).toContain('  Devices       2 listed\n  Entitlements  ');
    expect(plain.stdout).toMatch(/^ {16}com\.apple\.security\.application-groups = group\.com\.example\.a, group\.com\.example\.b$/m);
    expect(plain.stdout).toMatch(/^ {16}get-task-allow = true$/m);
    expect(plain.stdout).not.toContain(UDIDS[0]);
    const listed = await run('inspect', '--devices', '--now', '2026-06-01T00:00:00Z', ...trust, path('dev.mobileprovision'));
    expect(listed.stdout).toContain(`  Devices       2 listed\n                ${UDIDS[0]}\n                ${UDIDS[1]}\n`);
  });

  it('wraps to the terminal width under the value column, and not at all when piped', async () => {
    const line = `  Signature     ${'word '.repeat(30).trim()}`;
    const wrapped = wrapLines(line, 60, 14).split('\n');
    expect(wrapped.length).toBeGreaterThan(2);
    expect(wrapped.every((row) => visibleLength(row) <= 60)).toBe(true);
    expect(wrapped.slice(1).every((row) => row.startsWith(`${' '.repeat(16)}word`))).toBe(true);
    expect(wrapped.join(' ').replace(/\s+/g, ' ')).toBe(line.replace(/\s+/g, ' '));
    expect(wrapLines(line, undefined, 14)).toBe(line);
    const coloured = `  Expires       \u001b[31m${'x'.repeat(10)}\u001b[0m`;
    expect(visibleLength(coloured)).toBe(26);
    expect(wrapLines(coloured, 40, 14)).toBe(coloured);
    let narrow = '';
    await main(['inspect', '--now', '2026-06-01T00:00:00Z', ...trust, path('dev.mobileprovision')], { stdout: (text) => void (narrow += text), stderr: () => undefined, colour: false, columns: 60 });
    expect(narrow.split('\n').every((row) => visibleLength(row) <= 60 || !row.trim().includes(' '))).toBe(true);
    expect(narrow).toContain('Certificates');
  });

  it('colour: NO_COLOR and TERM=dumb turn it off, FORCE_COLOR decides first either way', () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(true, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour(true, { TERM: 'dumb' })).toBe(false);
    expect(wantsColour(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(wantsColour(true, { FORCE_COLOR: 'false', NO_COLOR: '' })).toBe(false);
    expect(wantsColour(false, { FORCE_COLOR: '1', NO_COLOR: '1', TERM: 'dumb' })).toBe(true);
  });
});

describe('version and CSV', () => {
  it('--version, -V and version print package.json\'s version', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) expect(await run(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--bom starts the CSV with a UTF-8 byte order mark, and only then', async () => {
    const args = ['export', '--format', 'csv', '--now', '2026-06-01T00:00:00Z', ...trust, path('dev.mobileprovision')];
    const withBom = await run(...args, '--bom');
    const without = await run(...args);
    expect(withBom.stdout.startsWith('\uFEFFfile,name,')).toBe(true);
    expect(without.stdout.startsWith('file,name,')).toBe(true);
    expect(withBom.stdout.slice(1)).toBe(without.stdout);
  });
});
