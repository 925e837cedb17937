// The initial-JavaScript budget of the built site: what index.html loads before any user action — its module scripts,
// modulepreloads and everything they import statically — must stay within 120 kB gzip (kB as Vite prints them).
// Lazy chunks (decoder, sample factory, exports) do not count: they load on first import, sample or export.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = resolve(import.meta.dirname, '../../dist/web');
const BUDGET_BYTES = 120_000;

/** Paths (relative to dist/web) of the JS that index.html pulls in before the user does anything. */
function initialScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => posix.normalize(match[1] ?? ''));
  const seen = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of staticImports(readFileSync(join(DIST, file), 'utf8'))) {
      if (imported.startsWith('.')) pending.push(posix.join(posix.dirname(file), imported));
    }
  }
  return [...seen].sort();
}

/** `import … from "x"`, `import "x"` and `export … from "x"`; never `import("x")`, which is a lazy load. */
function staticImports(code: string): string[] {
  const pattern = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
  return [...code.matchAll(pattern)].map((match) => match[1] ?? '');
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(DIST, file)), { level: 9 }).byteLength;
}

function allScripts(directory = DIST): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js') && entry.name !== 'sw.js')
    .map((entry) => posix.normalize(join(entry.parentPath, entry.name).slice(DIST.length + 1)));
}

describe('initial JavaScript budget (dist/web)', () => {
  it('has a build to measure', () => {
    expect(existsSync(join(DIST, 'index.html')), 'run `npm run build` first').toBe(true);
  });

  it(`loads at most ${BUDGET_BYTES / 1000} kB gzip before any user action`, () => {
    const initial = initialScripts();
    const lazy = allScripts().filter((file) => !initial.includes(file));
    const rows = [...initial.map((file) => ['initial', file]), ...lazy.map((file) => ['lazy', file])].map(
      ([kind, file]) => `${kind!.padEnd(8)}${(gzipSize(file!) / 1000).toFixed(2).padStart(8)} kB  ${file}`,
    );
    const total = initial.reduce((sum, file) => sum + gzipSize(file), 0);
    console.info(`${rows.join('\n')}\ninitial total ${(total / 1000).toFixed(2)} kB gzip (budget ${BUDGET_BYTES / 1000} kB)`);

    expect(initial.length).toBeGreaterThan(0);
    expect(initial.every((file) => existsSync(join(DIST, dirname(file))))).toBe(true);
    expect(total, `initial JS ${total} B gzip exceeds ${BUDGET_BYTES} B: lazy-load what the first screen does not need`).toBeLessThanOrEqual(
      BUDGET_BYTES,
    );
  });

  it('keeps the decoder out of the first load', () => {
    // The library screen needs stored summaries and the live verdict (whose messages name the DER-Encoded-Profile), not
    // the decoder. The decoder carries the CMS SignedData OID and reads the DER copy's ProfileDistributionType (strings
    // no minifier can drop); the fixture factory's pkijs names 'SignedData'.
    const initialCode = initialScripts().map((file) => readFileSync(join(DIST, file), 'utf8'));
    const decoderChunk = allScripts().find((file) => readFileSync(join(DIST, file), 'utf8').includes('1.2.840.113549.1.7.2'));
    expect(decoderChunk, 'the decoder is built into some chunk').toBeDefined();
    expect(initialCode.some((code) => code.includes('1.2.840.113549.1.7.2'))).toBe(false);
    expect(initialCode.some((code) => code.includes('ProfileDistributionType'))).toBe(false);
    expect(initialCode.some((code) => code.includes('SignedData'))).toBe(false);
  });
});
