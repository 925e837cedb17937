// The npm package as a user gets it: `npm pack`, installed into a temporary prefix with no network and no dev
// dependencies, then the installed `provlens` run as a separate process: version, help, a generated profile, standard
// input, a batch with an unreadable folder and debris, a real held-out profile when ../shared/fixtures is present,
// and the core imported as a library (`import { decodeProfile } from 'provlens'`) from a fresh project.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProfile, sharedTestPki, type TestPki } from '../fixtures/factory';
import { SHARED_FIXTURES, hasSharedFixtures, readSharedJson, warnIfSharedFixturesMissing } from '../shared-fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const UUID = '0a0b0c0d-1111-4222-8333-444455556666';
// A bound against a build that spills (source maps, tests): ~25 CLI chunks and the core's ~35 declaration files today.
const MAX_FILES = 80;
const run = promisify(execFile);

let work: string;
let provlens: string;
let tarball: string;
let pki: TestPki;
let trust: string[];

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the installed bin; `as` drops root to "nobody" so file permissions apply (CI containers run as root). */
function installed(args: string[], options: { input?: Uint8Array; asNobody?: boolean } = {}): Promise<Ran> {
  const [command, argv] = options.asNobody && process.getuid?.() === 0
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', provlens, ...args]]
    : [provlens, args];
  return new Promise((done, fail) => {
    const child = spawn(command, argv, { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? new Uint8Array());
  });
}

beforeAll(async () => {
  warnIfSharedFixturesMissing();
  work = mkdtempSync(join(tmpdir(), 'provlens-package-'));
  // World-readable, so the bin can also run as an unprivileged user for the permission checks.
  chmodSync(work, 0o755);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as { filename: string; entryCount: number; files: { path: string }[] }[];
  if (!packed) throw new Error('npm pack produced nothing');
  tarball = join(work, packed.filename);
  await run('npm', ['install', '--global', '--prefix', join(work, 'prefix'), '--offline', '--no-audit', '--no-fund', tarball]);
  provlens = join(work, 'prefix/bin/provlens');
  pki = await sharedTestPki();
  trust = pki.trustedCaSha256.flatMap((pin) => ['--trust-ca', pin]);
  const profile = await makeProfile(pki, { type: 'enterprise', uuid: UUID, derCopy: 'consistent' });
  writeFileSync(join(work, 'generated.mobileprovision'), profile);
  mkdirSync(join(work, 'batch/locked'), { recursive: true });
  mkdirSync(join(work, 'batch/__MACOSX'));
  writeFileSync(join(work, 'batch/a.mobileprovision'), profile);
  writeFileSync(join(work, 'batch/locked/hidden.mobileprovision'), profile);
  writeFileSync(join(work, 'batch/__MACOSX/a.mobileprovision'), profile);
  writeFileSync(join(work, 'batch/._a.mobileprovision'), 'AppleDouble');
  symlinkSync(join(work, 'nowhere'), join(work, 'batch/broken.mobileprovision'));
  writeFileSync(join(work, 'batch/z.mobileprovision'), profile);
  chmodSync(join(work, 'batch/locked'), 0o000);
  mkdirSync(join(work, 'empty'));
}, 180_000);

afterAll(() => {
  if (!work) return;
  chmodSync(join(work, 'batch/locked'), 0o755);
  rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds only what runs, the README, LICENSE and CHANGELOG, and installs no dependencies', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files.length).toBeLessThanOrEqual(MAX_FILES);
    expect(files).toEqual(expect.arrayContaining(['package/README.md', 'package/LICENSE', 'package/CHANGELOG.md', 'package/dist/cli/provlens.js', 'package/dist/lib/index.js', 'package/dist/types/index.d.ts']));
    expect(files.filter((file) => !/^package\/(dist\/(cli|lib|types)\/|README\.md$|LICENSE$|CHANGELOG\.md$|package\.json$)/.test(file))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(work, 'prefix/lib/node_modules/provlens/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(readdirSync(join(work, 'prefix/lib/node_modules/provlens'))).not.toContain('node_modules');
  });
});

describe('the installed provlens', () => {
  it('prints its version with --version and -V, and every command in --help', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await installed(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(await installed(['-V'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await installed(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['inspect', 'check', 'diff', 'export']) expect(help.stdout).toMatch(new RegExp(`^  provlens ${command} `, 'm'));
  });

  it('inspects a generated profile, and the same bytes from standard input', async () => {
    const file = join(work, 'generated.mobileprovision');
    const fromFile = await installed(['inspect', '--json', ...trust, file]);
    const [result] = JSON.parse(fromFile.stdout) as { file: string; ok: boolean; profile: { uuid: string; derProfile: { consistent: boolean } }; signature: { status: string } }[];
    expect(result).toMatchObject({ file, ok: true, profile: { uuid: UUID, derProfile: { consistent: true } }, signature: { status: 'valid' } });
    const fromStdin = await installed(['inspect', '--json', ...trust, '-'], { input: readFileSync(file) });
    const [piped] = JSON.parse(fromStdin.stdout) as { file: string; profile: { uuid: string } }[];
    expect(piped).toMatchObject({ file: '<stdin>', profile: { uuid: UUID } });
    expect(fromStdin.code).toBe(fromFile.code);
  });

  it('goes through a folder with an unreadable subfolder and a broken link: those are errors (exit 2), the rest decode, debris is skipped', async () => {
    const batch = join(work, 'batch');
    const { code, stdout } = await installed(['inspect', '--json', ...trust, batch], { asNobody: true });
    const results = JSON.parse(stdout) as { file: string; ok: boolean; error: { code: string; message: string } | null }[];
    expect(code).toBe(2);
    expect(results.map((result) => [result.file.slice(batch.length + 1), result.ok, result.error?.code ?? null])).toEqual([
      ['a.mobileprovision', true, null],
      ['broken.mobileprovision', false, 'unreadable'],
      ['locked', false, 'unreadable'],
      ['z.mobileprovision', true, null],
    ]);
    expect(results[2]?.error?.message).toContain('permission denied');
    const human = await installed(['inspect', ...trust, batch], { asNobody: true });
    expect(human.code).toBe(2);
    expect(human.stdout).toContain(`locked\n  Error         unreadable: cannot read folder ${batch}/locked: permission denied`);
    expect(human.stderr).toBe('');
  });

  it('answers an empty folder with [] in JSON and a clear line without', async () => {
    expect(await installed(['inspect', '--json', join(work, 'empty')])).toMatchObject({ code: 0, stdout: '[]\n' });
    expect((await installed(['inspect', join(work, 'empty')])).stdout).toMatch(/^No \.mobileprovision, \.provisionprofile or \.ipa files found in /);
  });

  it.runIf(hasSharedFixtures)('decodes every real profile in ../shared/fixtures/profiles as the independent oracle says', async () => {
    type Expected = { uuid?: string; expiresAt?: string; teamId?: string; deviceCount?: number; signature: string[] };
    const expectations = readSharedJson<Record<string, Expected>>('expectations.json');
    const folder = join(SHARED_FIXTURES, 'profiles');
    const { stdout } = await installed(['inspect', '--json', folder]);
    type Decoded = { file: string; profile: { uuid: string; expiresAt: string; teamId: string; devices: string[] } | null; signature: { status: string } | null };
    const real = (JSON.parse(stdout) as Decoded[]).filter((result) => !result.file.includes('/odd/'));
    expect(real.length).toBeGreaterThanOrEqual(40);
    for (const result of real) {
      const expected = expectations[`profiles/${result.file.slice(folder.length + 1)}`];
      if (!expected) throw new Error(`no expectation for ${result.file}`);
      expect(result.profile, result.file).toMatchObject({ uuid: expected.uuid, expiresAt: expected.expiresAt, teamId: expected.teamId });
      expect(result.profile?.devices.length, result.file).toBe(expected.deviceCount);
      expect(expected.signature, result.file).toContain(result.signature?.status);
    }
  });
});

describe('the core as a library from the installed package', () => {
  it('import { decodeProfile } from "provlens" works in Node without set-up (WebCrypto from globalThis)', async () => {
    const project = join(work, 'consumer');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project });
    writeFileSync(join(project, 'use.mjs'), [
      "import { readFileSync } from 'node:fs';",
      "import { decodeProfile } from 'provlens';",
      'const decoded = await decodeProfile(new Uint8Array(readFileSync(process.argv[2])), { trustedCaSha256: process.argv.slice(3) });',
      'console.log(JSON.stringify({ uuid: decoded.profile.uuid, status: decoded.signature.status }));',
    ].join('\n'));
    const { stdout } = await run(process.execPath, ['use.mjs', join(work, 'generated.mobileprovision'), ...pki.trustedCaSha256], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ uuid: UUID, status: 'valid' });
    // The declarations the package ships are whole: a strict consumer type-checks against them, library files included.
    writeFileSync(join(project, 'use.ts'), [
      "import { decodeProfile, intuneJob, profileVerdict, type ProfileVerdict } from 'provlens';",
      'const decoded = await decodeProfile(new Uint8Array(0));',
      'const verdict: ProfileVerdict = profileVerdict(decoded);',
      'console.log(verdict.status, typeof intuneJob);',
    ].join('\n'));
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--ignoreConfig', '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom', '--skipLibCheck', 'false', 'use.ts'];
    await run(process.execPath, [tsc, ...args], { cwd: project });
  }, 60_000);
});
