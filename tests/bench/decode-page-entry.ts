// Bundled into a blank page by decode-page.ts: window.provlensDecodeAll decodes and verifies files, `concurrent` at a
// time (WebCrypto answers asynchronously, so one file's verification overlaps the next one's parsing, as in the
// import's decoder), and answers with the milliseconds it took; it throws on a file the import would list as failed.
import { useWebCrypto } from '../../core/cms/crypto';
import { inspect } from '../../core/inspect';

useWebCrypto(globalThis.crypto);

async function decodeAll(files: readonly { name: string; bytes: Uint8Array }[], concurrent = 1): Promise<number> {
  const start = performance.now();
  for (let first = 0; first < files.length; first += concurrent) {
    const results = await Promise.all(files.slice(first, first + concurrent).map((file) => inspect(file.name, file.bytes)));
    for (const result of results) if (!result.ok) throw new Error(`${result.file}: ${result.error?.message ?? 'not decoded'}`);
  }
  return performance.now() - start;
}

(window as unknown as { provlensDecodeAll: typeof decodeAll }).provlensDecodeAll = decodeAll;
