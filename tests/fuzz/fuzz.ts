// `npm run fuzz -- --count N --seed S`: runs the fuzz loop (run.ts) and prints a summary; exits 1 on any violation.
// Replay one case with `--replay INDEX` (same seed): it prints the input and writes its bytes to a temp file.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { useWebCrypto } from '../../core/cms/crypto';
import { loadCorpus } from './corpus';
import { fuzz, replayCase, TIME_LIMIT_MS } from './run';

useWebCrypto(globalThis.crypto);
const { values } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, replay: { type: 'string' } },
});
const count = Number(values.count);
const seed = Number(values.seed);
const seeds = await loadCorpus();

if (values.replay !== undefined) {
  const replayed = replayCase(seeds, seed, Number(values.replay));
  const path = join(tmpdir(), `provlens-fuzz-${seed}-${values.replay}.bin`);
  writeFileSync(path, replayed.bytes);
  console.log(`${replayed.input} (${replayed.bytes.length} bytes, mustNotBeValid=${replayed.mustNotBeValid}) → ${path}`);
} else {
  const real = seeds.filter((entry) => entry.name.startsWith('profiles/')).length;
  const signedHostile = seeds.filter((entry) => entry.signedHostile).length;
  console.log(`fuzz: ${count} cases, seed ${seed}; seeds: ${real} real, ${seeds.length - real - signedHostile} synthetic, ${signedHostile} signed hostile`);
  const started = performance.now();
  const summary = await fuzz(seeds, { count, seed });
  const sorted = (record: Record<string, number>) =>
    Object.entries(record).sort((a, b) => b[1] - a[1]).map(([key, value]) => `  ${key.padEnd(34)} ${value}`).join('\n');
  console.log(`\ncases: ${summary.cases} in ${((performance.now() - started) / 1000).toFixed(1)} s; signed bytes touched: ${summary.touchedSigned}`);
  console.log(`time per decode: median ${summary.medianMs.toFixed(3)} ms, p99 ${summary.p99Ms.toFixed(3)} ms, max ${summary.maxMs.toFixed(1)} ms (${summary.slowest}); limit ${TIME_LIMIT_MS} ms; ${summary.retimed} over it once but not when re-timed`);
  console.log(`\noutcomes:\n${sorted(summary.outcomes)}\n\nmutation operators:\n${sorted(summary.operators)}`);
  console.log(`\nviolations: ${summary.violations.length}`);
  for (const violation of summary.violations.slice(0, 20)) {
    console.log(`  [${violation.property}] seed ${violation.seed} case ${violation.index}: ${violation.input} — ${violation.detail.split('\n')[0]}`);
  }
  process.exitCode = summary.violations.length > 0 ? 1 : 0;
}
