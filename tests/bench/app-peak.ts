// Child process of the app table in `npm run bench`: runs ONE reader once over ONE .ipa and prints its peak memory,
// so neither the other reader nor earlier runs share the process. Peak = the process's highest RSS during the call
// (Linux VmHWM, reset just before it through /proc/self/clear_refs, so start-up's own peak does not count) minus its
// RSS just before (after a full GC); the .ipa read is inside the call. Where the reset is refused, the lifetime
// maximum (getrusage) is used: an upper bound that module loading may dominate.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeApp } from '../../core/app/app';
import { useWebCrypto } from '../../core/cms/crypto';
import { useNodePlatform } from '../../cli/node-primitives';
import { browserFloor, floorMembers, nodeFloor } from './app-floor';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
useWebCrypto(globalThis.crypto);
const [reader, path, optionsJson] = process.argv.slice(2);
if (!reader || !path) throw new Error('usage: app-peak.ts provlens-node|provlens-browser|node-floor|browser-floor|app-info-parser FILE.ipa [OPTIONS-JSON]');
// decodeApp's options as JSON (the synthetic apps' test CA and clock), the clock as an ISO string.
const parsed = JSON.parse(optionsJson ?? '{}') as { now?: string; trustedCaSha256?: string[] };
const options = { ...parsed, now: parsed.now ? new Date(parsed.now) : undefined };
// provlens-node: what the CLI runs; provlens-browser: the defaults a page gets.
if (reader === 'provlens-node') useNodePlatform();
const AppInfoParser = createRequire(import.meta.url)('app-info-parser') as new (path: string) => { parse(): Promise<unknown> };
console.warn = () => undefined;
collectGarbage();
const resetPeak = (): boolean => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};
const peakBytes = (reset: boolean): number => {
  const hwm = reset ? /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] : undefined;
  return (hwm ? Number(hwm) : process.resourceUsage().maxRSS) * 1024;
};
const reset = resetPeak();
const before = process.memoryUsage().rss;
if (reader.endsWith('-floor')) {
  // The floor of that path (app-floor.ts): what inflating and hashing every member costs in memory on these primitives.
  const file = readFileSync(path);
  const members = floorMembers(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
  await (reader === 'node-floor' ? nodeFloor(members) : browserFloor(members));
} else if (reader.startsWith('provlens')) {
  // Read once into one buffer, as the CLI does (cli/files.ts): a copy would count the .ipa twice.
  const file = readFileSync(path);
  await decodeApp(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), options).catch(() => null);
}
else await new AppInfoParser(path).parse().catch(() => null);
process.stdout.write(JSON.stringify({ peakMb: Math.max(0, peakBytes(reset) - before) / 1024 / 1024 }));
