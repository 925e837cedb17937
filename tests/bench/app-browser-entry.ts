// Bundled into a blank page by app-browser.ts: the app check on the browser path (what the App check view and an
// import run in a decode worker: no primitives installed, so DecompressionStream, hash-wasm and WebCrypto) and that
// path's floor (app-floor-browser.ts), on the bytes of a file picked into the page's input.
import { decodeApp } from '../../core/app/app';
import { useAppPrimitives } from '../../core/app/platform';
import { useWebCrypto } from '../../core/cms/crypto';
import { browserFloor } from './app-floor-browser';
import { floorMembers } from './app-floor-members';

useWebCrypto(globalThis.crypto);

let bytes: Uint8Array | null = null;
/** Main-thread tasks of 50 ms or more during the current run (the page's 'longtask' entries). */
let longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask' });

/** What the extension's panel installs to check on a page's main thread: the event loop given back now and then. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

async function loadApp(): Promise<number> {
  const file = document.querySelector('input')?.files?.[0];
  if (!file) throw new Error('no file picked');
  bytes = new Uint8Array(await file.arrayBuffer());
  return bytes.length;
}

/** One run, timed: the floor, or the check (whose summary is returned so the bench can say what it found), with its
 *  longest main-thread task; `paused`: the check pausing as it does in the extension's panel. */
async function runApp(
  what: 'floor' | 'check' | 'paused',
  options: { now?: string; trustedCaSha256?: string[] },
): Promise<{ ms: number; status: string; longestTaskMs: number }> {
  if (!bytes) throw new Error('no app loaded');
  // Tasks that ended before the run started are not its own.
  await nextTask();
  longTasks = [];
  useAppPrimitives(what === 'paused' ? { pause: nextTask } : {});
  const start = performance.now();
  let status = '';
  try {
    if (what === 'floor') await browserFloor(floorMembers(bytes));
    else {
      const app = await decodeApp(bytes, { ...options, now: options.now ? new Date(options.now) : undefined });
      status = app.bundles.map((bundle) => `${bundle.integrity.status}/${bundle.capabilities.status}`).join(', ');
    }
  } finally {
    useAppPrimitives({});
  }
  const ms = performance.now() - start;
  // Entries arrive after their task: let the last one in.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { ms, status, longestTaskMs: Math.max(0, ...longTasks) };
}

Object.assign(window, { provlensLoadApp: loadApp, provlensRunApp: runApp });
