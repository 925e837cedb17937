// Bundled into a blank page by app-browser.ts: the app check on the browser path (what the App check view and an
// import run in a decode worker: no primitives installed, so DecompressionStream, hash-wasm and WebCrypto) and that
// path's floor (app-floor-browser.ts), on the bytes of a file picked into the page's input.
import { decodeApp } from '../../core/app/app';
import { useWebCrypto } from '../../core/cms/crypto';
import { browserFloor } from './app-floor-browser';
import { floorMembers } from './app-floor-members';

useWebCrypto(globalThis.crypto);

let bytes: Uint8Array | null = null;

async function loadApp(): Promise<number> {
  const file = document.querySelector('input')?.files?.[0];
  if (!file) throw new Error('no file picked');
  bytes = new Uint8Array(await file.arrayBuffer());
  return bytes.length;
}

/** One run, timed: the floor, or the check (whose summary is returned so the bench can say what it found). */
async function runApp(what: 'floor' | 'check', options: { now?: string; trustedCaSha256?: string[] }): Promise<{ ms: number; status: string }> {
  if (!bytes) throw new Error('no app loaded');
  const start = performance.now();
  if (what === 'floor') {
    await browserFloor(floorMembers(bytes));
    return { ms: performance.now() - start, status: '' };
  }
  const app = await decodeApp(bytes, { ...options, now: options.now ? new Date(options.now) : undefined });
  const ms = performance.now() - start;
  return { ms, status: app.bundles.map((bundle) => `${bundle.integrity.status}/${bundle.capabilities.status}`).join(', ') };
}

Object.assign(window, { provlensLoadApp: loadApp, provlensRunApp: runApp });
