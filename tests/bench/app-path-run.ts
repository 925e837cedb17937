// Child process of the app table in `npm run bench`: times ONE path (node: the CLI's primitives; browser: a page's
// defaults) over ONE .ipa, its floor and its check in alternating rounds, and prints the samples as JSON. Each path
// gets a process of its own, as it does in use (the CLI never runs the browser's primitives, a page never Node's):
// sharing one process, the check's call sites saw both paths' primitives and the other path's garbage, which cost the
// Node path 0.1–0.2× of its floor on the synthetic extension app (measured) and says nothing about either product.
import { readFileSync } from 'node:fs';
import { decodeApp } from '../../core/app/app';
import { useAppPrimitives } from '../../core/app/platform';
import { useNativeCrypto, useWebCrypto } from '../../core/cms/crypto';
import { useNodePlatform } from '../../cli/node-primitives';
import { browserFloor, floorMembers, nodeFloor } from './app-floor';
import { timed } from './stats';

export interface PathSamples {
  /** Wall time of each round's floor and check, ms, in round order. */
  floor: number[];
  check: number[];
  /** Process CPU time (every thread) of the same runs, ms. */
  floorCpu: number[];
  checkCpu: number[];
  /** "intact/covered, …" per bundle, from one check after the rounds; "error" when it threw. */
  status: string;
}

const [path, file, optionsJson, roundsText, warmupText] = process.argv.slice(2);
if ((path !== 'node' && path !== 'browser') || !file) throw new Error('usage: app-path-run.ts node|browser FILE.ipa OPTIONS-JSON ROUNDS WARMUP');
const parsed = JSON.parse(optionsJson ?? '{}') as { now?: string; trustedCaSha256?: string[] };
const options = { ...parsed, now: parsed.now ? new Date(parsed.now) : undefined };
useWebCrypto(globalThis.crypto);
if (path === 'node') useNodePlatform();
else {
  useNativeCrypto(null);
  useAppPrimitives({});
}
console.warn = () => undefined;
const read = readFileSync(file);
const bytes = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
const members = floorMembers(bytes);
const floor = () => (path === 'node' ? nodeFloor(members) : browserFloor(members));
const check = () => decodeApp(bytes, options).catch(() => null);
const samples: PathSamples = { floor: [], check: [], floorCpu: [], checkCpu: [], status: '' };
const cpuTimed = async (run: () => Promise<unknown>, wall: number[], cpu: number[]) => {
  const before = process.cpuUsage();
  wall.push(await timed(run));
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
};
for (let i = 0; i < Number(warmupText ?? 2); i++) {
  await floor();
  await check();
}
for (let i = 0; i < Number(roundsText ?? 9); i++) {
  await cpuTimed(floor, samples.floor, samples.floorCpu);
  await cpuTimed(check, samples.check, samples.checkCpu);
}
const result = await check();
samples.status = result ? result.bundles.map((b) => `${b.integrity.status}/${b.capabilities.status}`).join(', ') || 'no bundle' : 'error';
process.stdout.write(JSON.stringify(samples));
