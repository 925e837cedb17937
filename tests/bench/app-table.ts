// The app table of `npm run bench` (issue 9 part 4): for every app in ../shared/fixtures/ipa, the full check
// (decodeApp: every bundle's integrity and capabilities) against app-info-parser, which parses and verifies nothing.
// Targets: ≤ 2× app-info-parser's median time per app; peak memory ≤ 2× the .ipa's size.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { decodeApp } from '../../core/app/app';
import { SHARED_FIXTURES } from '../shared-fixtures';
import { markdownTable, median, ms, timed } from './stats';

const WARMUP = 2;
const SAMPLES = 9;

function peakMb(reader: string, path: string): number {
  const child = join(import.meta.dirname, 'app-peak.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, reader, path], { encoding: 'utf8' });
  return (JSON.parse(out) as { peakMb: number }).peakMb;
}

export async function appTable(): Promise<void> {
  const folder = join(SHARED_FIXTURES, 'ipa');
  if (!existsSync(folder)) {
    console.log('\n## Apps: ../shared/fixtures/ipa absent, no app table');
    return;
  }
  const AppInfoParser = createRequire(import.meta.url)('app-info-parser') as new (path: string) => { parse(): Promise<unknown> };
  const quietWarn = console.warn;
  console.warn = () => undefined;
  const rows: string[][] = [];
  try {
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.ipa')).sort()) {
      const path = join(folder, name);
      const bytes = new Uint8Array(readFileSync(path));
      const ours = () => decodeApp(bytes).catch(() => null);
      const peer = () => new AppInfoParser(path).parse().catch(() => null);
      for (let i = 0; i < WARMUP; i++) await Promise.all([ours(), peer()]);
      const samples = { ours: [] as number[], peer: [] as number[] };
      for (let i = 0; i < SAMPLES; i++) {
        samples.ours.push(await timed(ours));
        samples.peer.push(await timed(peer));
      }
      const app = await ours();
      const status = app ? app.bundles.map((b) => `${b.integrity.status}/${b.capabilities.status}`).join(', ') || 'no bundle' : 'error';
      const ratio = median(samples.ours) / median(samples.peer);
      const sizeMb = bytes.length / 1024 / 1024;
      const peak = { ours: peakMb('provlens', path), peer: peakMb('app-info-parser', path) };
      rows.push([
        name,
        sizeMb.toFixed(2),
        status,
        ms(median(samples.ours)),
        ms(median(samples.peer)),
        `${ratio.toFixed(2)}× ${ratio <= 2 ? 'met' : 'NOT met'}`,
        peak.ours.toFixed(1),
        peak.peer.toFixed(1),
        `${(peak.ours / Math.max(sizeMb, 0.001)).toFixed(1)}×`,
      ]);
    }
  } finally {
    console.warn = quietWarn;
  }
  console.log('\n## Apps: full integrity + capabilities check vs app-info-parser (../shared/fixtures/ipa)\n');
  console.log(markdownTable(['app', 'MB', 'integrity/capabilities', 'ProvLens ms', 'app-info-parser ms', 'time ratio (≤ 2×)', 'ProvLens peak MB', 'app-info-parser peak MB', 'peak / .ipa'], rows));
  console.log('\nPeak = max RSS after one call in a fresh process minus RSS before it (an upper bound; tiny apps sit at the process floor).');
}
