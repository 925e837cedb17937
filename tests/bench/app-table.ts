// The app table of `npm run bench` (issue 9 part 4): for every app in ../shared/fixtures/ipa, the full check
// (decodeApp: every bundle's integrity and capabilities) against app-info-parser, which parses and verifies nothing.
// Targets: ≤ 2× app-info-parser's median time per app; peak memory ≤ 2× the .ipa's size. Two row sets: the Node
// primitives the CLI installs (node:crypto, node:zlib; cli/node-primitives.ts) and the browser defaults (WebCrypto,
// DecompressionStream), run interleaved so both see the same machine load.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { decodeApp } from '../../core/app/app';
import { useAppPrimitives } from '../../core/app/platform';
import { NODE_APP_PRIMITIVES } from '../../cli/node-primitives';
import { SHARED_FIXTURES } from '../shared-fixtures';
import { markdownTable, median, ms, timed } from './stats';

const WARMUP = 2;
const SAMPLES = 9;

type Reader = 'provlens-node' | 'provlens-browser' | 'app-info-parser';

function peakMb(reader: Reader, path: string): number {
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
      const ours = (primitives: typeof NODE_APP_PRIMITIVES) => () => {
        useAppPrimitives(primitives);
        return decodeApp(bytes).catch(() => null);
      };
      const runs = { node: ours(NODE_APP_PRIMITIVES), browser: ours({}) };
      const peer = () => new AppInfoParser(path).parse().catch(() => null);
      for (let i = 0; i < WARMUP; i++) for (const run of [runs.node, runs.browser, peer]) await run();
      const samples = { node: [] as number[], browser: [] as number[], peer: [] as number[] };
      for (let i = 0; i < SAMPLES; i++) {
        samples.node.push(await timed(runs.node));
        samples.browser.push(await timed(runs.browser));
        samples.peer.push(await timed(peer));
      }
      const app = await runs.node();
      const status = app ? app.bundles.map((b) => `${b.integrity.status}/${b.capabilities.status}`).join(', ') || 'no bundle' : 'error';
      const sizeMb = bytes.length / 1024 / 1024;
      const peerPeak = peakMb('app-info-parser', path);
      for (const path_ of ['node', 'browser'] as const) {
        const ratio = median(samples[path_]) / median(samples.peer);
        const peak = peakMb(`provlens-${path_}`, path);
        rows.push([
          name,
          path_ === 'node' ? 'Node (CLI)' : 'browser',
          sizeMb.toFixed(2),
          status,
          ms(median(samples[path_])),
          ms(median(samples.peer)),
          `${ratio.toFixed(2)}× ${ratio <= 2 ? 'met' : 'NOT met'}`,
          peak.toFixed(1),
          peerPeak.toFixed(1),
          `${(peak / Math.max(sizeMb, 0.001)).toFixed(1)}×`,
        ]);
      }
    }
  } finally {
    console.warn = quietWarn;
    useAppPrimitives(NODE_APP_PRIMITIVES);
  }
  console.log('\n## Apps: full integrity + capabilities check vs app-info-parser (../shared/fixtures/ipa)\n');
  console.log(markdownTable(['app', 'primitives', 'MB', 'integrity/capabilities', 'ProvLens ms', 'app-info-parser ms', 'time ratio (≤ 2×)', 'ProvLens peak MB', 'app-info-parser peak MB', 'peak / .ipa'], rows));
  console.log(`\nMachine load (uptime): ${loadAverage()}. Medians of ${SAMPLES} interleaved runs after ${WARMUP} warm-ups.`);
  console.log('Peak = max RSS after one call in a fresh process minus RSS before it (an upper bound; tiny apps sit at the process floor).');
}

function loadAverage(): string {
  return loadavg().map((load) => load.toFixed(2)).join(', ');
}
