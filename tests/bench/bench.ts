// `npm run bench`: full decode + verification of profiles against the parse-only method other tools use, and .ipa
// inspection against app-info-parser, in one run on one machine so the ratios mean something. Prints markdown.
// Targets (issues 2 and 3): ≤ 1 ms median per profile, ≤ 3× parse-only; .ipa ≤ 2× app-info-parser.
// `npm run bench -- --synthetic` measures the factory's profiles even when ../shared/fixtures is present.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { unzipSync } from 'fflate';
import { parse } from 'plist';
import { decodeApp } from '../../core/app/app';
import { useWebCrypto } from '../../core/cms/crypto';
import { decodeProfile } from '../../core/profile/profile';
import { appTable } from './app-table';
import { loadInputs, type BenchInputs } from './inputs';
import { markdownTable, median, ms, percentile, timed } from './stats';

const WARMUP_ROUNDS = 30;
const SAMPLES_PER_PROFILE = 60;
const BATCH = 1000;
const IPA_WARMUP = 3;
const IPA_SAMPLES = 15;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** What app-info-parser and similar tools do: cut the XML out of the CMS and parse it, verifying nothing. */
function parseOnly(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  return parse(text.slice(text.indexOf('<?xml'), text.indexOf('</plist>') + '</plist>'.length));
}

async function profileBench(inputs: BenchInputs): Promise<void> {
  const options = { trustedCaSha256: inputs.trustedCaSha256 };
  const full = (bytes: Uint8Array) => decodeProfile(bytes, options);
  for (let round = 0; round < WARMUP_ROUNDS; round += 1) {
    for (const { bytes } of inputs.profiles) {
      await full(bytes);
      parseOnly(bytes);
    }
  }
  const statuses = new Map<string, number>();
  const rows: string[][] = [];
  const allFull: number[] = [];
  const allParse: number[] = [];
  for (const { name, bytes } of inputs.profiles) {
    const status = (await full(bytes)).signature.status;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const fullSamples: number[] = [];
    const parseSamples: number[] = [];
    // Interleaved so a noisy neighbour slows both methods alike.
    for (let sample = 0; sample < SAMPLES_PER_PROFILE; sample += 1) {
      fullSamples.push(await timed(() => full(bytes)));
      parseSamples.push(await timed(() => parseOnly(bytes)));
    }
    allFull.push(...fullSamples);
    allParse.push(...parseSamples);
    const ratio = median(fullSamples) / median(parseSamples);
    rows.push([name, `${(bytes.length / 1024).toFixed(1)}`, status, ms(median(fullSamples)), ms(percentile(fullSamples, 95)), ms(median(parseSamples)), `${ratio.toFixed(2)}×`]);
  }
  console.log(`\n## Per profile (${SAMPLES_PER_PROFILE} samples each, after ${WARMUP_ROUNDS} warm-up rounds)\n`);
  console.log(markdownTable(['profile', 'KB', 'signature', 'full median ms', 'full p95 ms', 'parse-only median ms', 'ratio'], rows));

  const batch = Array.from({ length: BATCH }, (_, index) => inputs.profiles[index % inputs.profiles.length]?.bytes ?? new Uint8Array());
  const batchFull = await timed(async () => {
    for (const bytes of batch) await full(bytes);
  });
  const batchParse = await timed(() => batch.forEach(parseOnly));
  const fullMedian = median(allFull);
  const ratio = fullMedian / median(allParse);
  console.log(`\n## Profiles: summary (${inputs.profiles.length} ${inputs.source} profiles; signature: ${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')})\n`);
  console.log(
    markdownTable(
      ['method', 'median ms', 'p95 ms', `${BATCH}-profile batch`, 'profiles/s'],
      [
        ['ProvLens decodeProfile (decode + CMS + chain + DER copy)', ms(fullMedian), ms(percentile(allFull, 95)), `${ms(batchFull)} ms`, (BATCH / (batchFull / 1000)).toFixed(0)],
        ['parse-only (slice <?xml…</plist>, plist.parse, no verification)', ms(median(allParse)), ms(percentile(allParse, 95)), `${ms(batchParse)} ms`, (BATCH / (batchParse / 1000)).toFixed(0)],
      ],
    ),
  );
  console.log(`\nfull/parse-only ratio ${ratio.toFixed(2)}× (target ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'}); median ${ms(fullMedian)} ms (target ≤ 1 ms: ${fullMedian <= 1 ? 'met' : 'NOT met'})`);
}

// A view, not a copy: Node's Buffer already is a Uint8Array over the bytes read.
const asBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

interface MemoryDelta {
  heapMb: number;
  externalMb: number;
  rssMb: number;
}

async function memoryOf(run: () => Promise<unknown>): Promise<MemoryDelta> {
  collectGarbage();
  const before = process.memoryUsage();
  const kept = await run();
  const after = process.memoryUsage();
  // Rounded to 0.1 MB with no "-0.0": a delta this small is noise either way.
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024 / 0.1) * 0.1 || 0;
  void kept;
  return { heapMb: mb(after.heapUsed - before.heapUsed), externalMb: mb(after.arrayBuffers - before.arrayBuffers), rssMb: mb(after.rss - before.rss) };
}

// What memory should be bounded by: the members a reader needs, not the archive. Sizes come from the central
// directory (fflate's filter sees each member's sizes and we inflate none).
function archiveFootprint(bytes: Uint8Array, executables: readonly string[]): string {
  const needed = /^Payload\/[^/]+\.app\/(PlugIns\/[^/]+\.appex\/)?(Info\.plist|embedded\.mobileprovision)$/;
  let members = 0;
  let total = 0;
  let read = 0;
  unzipSync(bytes, {
    filter: (member) => {
      members += 1;
      total += member.originalSize;
      if (needed.test(member.name) || executables.includes(member.name)) read += member.originalSize;
      return false;
    },
  });
  const mb = (value: number) => (value / 1024 / 1024).toFixed(2);
  return `Archive: ${members} members, ${mb(total)} MB uncompressed; members a reader needs (Info.plist, embedded.mobileprovision, executables): ${mb(read)} MB.`;
}

async function ipaBench(inputs: BenchInputs): Promise<void> {
  const AppInfoParser = createRequire(import.meta.url)('app-info-parser') as new (path: string) => { parse(): Promise<unknown> };
  const scratch = inputs.ipa.path ? null : mkdtempSync(join(tmpdir(), 'provlens-bench-'));
  const path = inputs.ipa.path ?? join(scratch ?? '', inputs.ipa.name);
  if (scratch) writeFileSync(path, inputs.ipa.bytes);
  const options = { trustedCaSha256: inputs.trustedCaSha256 };
  const ours = () => decodeApp(inputs.ipa.bytes, options);
  const oursFromDisk = async () => decodeApp(asBytes(await readFile(path)), options);
  // app-info-parser warns on every icon it cannot convert; that noise is not part of the measurement.
  const quietWarn = console.warn;
  console.warn = () => undefined;
  const peer = () => new AppInfoParser(path).parse();
  try {
    for (let round = 0; round < IPA_WARMUP; round += 1) await Promise.all([ours(), oursFromDisk(), peer()].map((p) => p.catch(() => null)));
    const samples = { ours: [] as number[], disk: [] as number[], peer: [] as number[] };
    for (let sample = 0; sample < IPA_SAMPLES; sample += 1) {
      samples.ours.push(await timed(ours));
      samples.disk.push(await timed(oursFromDisk));
      samples.peer.push(await timed(peer));
    }
    const memory = { ours: await memoryOf(ours), peer: await memoryOf(peer) };
    const app = await ours();
    const ratio = median(samples.disk) / median(samples.peer);
    console.log(`\n## .ipa: ${inputs.ipa.name} (${(inputs.ipa.bytes.length / 1024 / 1024).toFixed(2)} MB, ${inputs.source}; ${app.bundles.length} bundle(s))\n`);
    const row = (label: string, values: number[], mem: MemoryDelta | null) => [label, ms(median(values)), ms(percentile(values, 95)), mem ? mem.heapMb.toFixed(1) : '—', mem ? mem.externalMb.toFixed(1) : '—', mem ? mem.rssMb.toFixed(1) : '—'];
    console.log(
      markdownTable(
        ['method', 'median ms', 'p95 ms', 'heap Δ MB', 'buffers Δ MB', 'RSS Δ MB'],
        [
          row('ProvLens decodeApp (bytes in memory)', samples.ours, memory.ours),
          row('ProvLens readFile + decodeApp', samples.disk, null),
          row('app-info-parser .parse() (from path, verifies nothing)', samples.peer, memory.peer),
        ],
      ),
    );
    console.log(`\n${archiveFootprint(inputs.ipa.bytes, app.bundles.map((bundle) => `${bundle.path}${bundle.executable ?? ''}`))}`);
    console.log(`\nreadFile+decodeApp / app-info-parser ratio ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}). Memory Δ is measured across one call after a full GC, result retained.`);
  } finally {
    console.warn = quietWarn;
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

useWebCrypto(globalThis.crypto);
const inputs = await loadInputs({ synthetic: process.argv.includes('--synthetic') });
const why = process.argv.includes('--synthetic') ? 'forced with --synthetic' : '../shared/fixtures absent';
console.log(`# ProvLens benchmark — ${inputs.source === 'real' ? 'real Apple-signed profiles from ../shared/fixtures' : `SYNTHETIC profiles from the fixture factory (${why})`}`);
console.log(`Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString()}`);
await profileBench(inputs);
await ipaBench(inputs);
if (!process.argv.includes('--synthetic')) await appTable();
