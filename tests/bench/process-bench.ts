// Whole-process benchmark (part of `npm run bench`): the INSTALLED `provlens` (npm pack, installed into a temporary
// prefix, as a user gets it) against a parse-only script (tests/bench/parse-only.mjs: cut the plist out, parse it,
// verify nothing), both as fresh Node processes, start-up included, output to /dev/null.
//   batch:    1,000 profiles (the 40 real ones 25 times, as symbolic links) through `provlens inspect --json DIR` with
//             full decoding and Apple-chain verification of every file. Target ≤ 1.5× the parse-only script.
//   start-up: one profile. Target ≤ 1.3× the parse-only script on that file (which is `node` start-up + its parse);
//             a bare `node -e 0` is shown for scale.
// Runs alternate A B A B so a noisy neighbour slows both alike; the ratio is the median of the per-pair ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadInputs } from './inputs';
import { markdownTable, median, ms } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');
const PARSE_ONLY = join(ROOT, 'tests/bench/parse-only.mjs');
const COPIES = 25;
const BATCH_RUNS = 7;
const STARTUP_RUNS = 21;

function wallMs(command: string, args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  // provlens exits 2 when a profile has expired (most real ones have); anything else means it did not run.
  if (result.status === null || result.status > 2) throw new Error(`${command} failed (${result.status}): ${result.stderr.toString()}`);
  return elapsed;
}

interface Paired {
  a: number[];
  b: number[];
  ratios: number[];
}

function paired(runs: number, a: () => number, b: () => number): Paired {
  a();
  b();
  const out: Paired = { a: [], b: [], ratios: [] };
  for (let run = 0; run < runs; run += 1) {
    const timeA = a();
    const timeB = b();
    out.a.push(timeA);
    out.b.push(timeB);
    out.ratios.push(timeA / timeB);
  }
  return out;
}

function install(work: string): string {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { filename: string }[];
  const tarball = join(work, packed[0]?.filename ?? 'missing.tgz');
  execFileSync('npm', ['install', '--global', '--prefix', join(work, 'prefix'), '--offline', '--no-audit', '--no-fund', tarball], { stdio: 'ignore' });
  return join(work, 'prefix/bin/provlens');
}

const work = mkdtempSync(join(tmpdir(), 'provlens-process-bench-'));
try {
  const inputs = await loadInputs({ synthetic: process.argv.includes('--synthetic') });
  const provlens = install(work);
  const trust = (inputs.trustedCaSha256 ?? []).flatMap((pin) => ['--trust-ca', pin]);
  const originals = join(work, 'originals');
  const batch = join(work, 'batch');
  mkdirSync(originals);
  mkdirSync(batch);
  for (const { name, bytes } of inputs.profiles) writeFileSync(join(originals, name), bytes);
  for (let copy = 0; copy < COPIES; copy += 1) {
    for (const { name } of inputs.profiles) symlinkSync(join(originals, name), join(batch, `${String(copy).padStart(2, '0')}-${name}`));
  }
  const count = inputs.profiles.length * COPIES;
  const one = join(originals, inputs.profiles[0]?.name ?? '');

  const whole = paired(BATCH_RUNS, () => wallMs(provlens, ['inspect', '--json', ...trust, batch]), () => wallMs(process.execPath, [PARSE_ONLY, batch]));
  const start = paired(STARTUP_RUNS, () => wallMs(provlens, ['inspect', '--json', ...trust, one]), () => wallMs(process.execPath, [PARSE_ONLY, one]));
  const bare: number[] = [];
  for (let run = 0; run < STARTUP_RUNS; run += 1) bare.push(wallMs(process.execPath, ['-e', '0']));

  const batchRatio = median(whole.ratios);
  const startRatio = median(start.ratios);
  console.log(`\n## Whole process, installed bin (${inputs.source} profiles; wall time, medians of ${BATCH_RUNS} / ${STARTUP_RUNS} paired runs)\n`);
  console.log(
    markdownTable(
      ['run', 'provlens inspect --json ms', 'parse-only script ms', 'ratio (median of pairs)'],
      [
        [`${count} profiles (${inputs.profiles.length} × ${COPIES})`, ms(median(whole.a)), ms(median(whole.b)), `${batchRatio.toFixed(2)}×`],
        ['1 profile (start-up)', ms(median(start.a)), ms(median(start.b)), `${startRatio.toFixed(2)}×`],
        ['bare `node -e 0`', '—', ms(median(bare)), '—'],
      ],
    ),
  );
  console.log(`\nwhole-process ratio ${batchRatio.toFixed(2)}× (target ≤ 1.5×: ${batchRatio <= 1.5 ? 'met' : 'NOT met'}); start-up ratio ${startRatio.toFixed(2)}× (target ≤ 1.3×: ${startRatio <= 1.3 ? 'met' : 'NOT met'})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
