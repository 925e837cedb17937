// Child process of the app table in `npm run bench`: runs ONE reader once over ONE .ipa and prints its peak memory,
// so neither the other reader nor earlier runs share the process. Peak = the process's maximum RSS after the call
// minus its RSS just before (after a full GC): an upper bound, since module loading may have peaked higher.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeApp } from '../../core/app/app';
import { useAppPrimitives } from '../../core/app/platform';
import { useWebCrypto } from '../../core/cms/crypto';
import { NODE_APP_PRIMITIVES } from '../../cli/node-primitives';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
useWebCrypto(globalThis.crypto);
const [reader, path] = process.argv.slice(2);
if (!reader || !path) throw new Error('usage: app-peak.ts provlens-node|provlens-browser|app-info-parser FILE.ipa');
// provlens-node: what the CLI runs; provlens-browser: the defaults a page gets.
if (reader === 'provlens-node') useAppPrimitives(NODE_APP_PRIMITIVES);
const AppInfoParser = createRequire(import.meta.url)('app-info-parser') as new (path: string) => { parse(): Promise<unknown> };
console.warn = () => undefined;
collectGarbage();
const before = process.memoryUsage().rss;
if (reader.startsWith('provlens')) {
  // Read once into one buffer, as the CLI does (cli/files.ts): a copy would count the .ipa twice.
  const file = readFileSync(path);
  await decodeApp(new Uint8Array(file.buffer, file.byteOffset, file.byteLength)).catch(() => null);
}
else await new AppInfoParser(path).parse().catch(() => null);
const peakKb = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify({ peakMb: Math.max(0, peakKb * 1024 - before) / 1024 / 1024 }));
