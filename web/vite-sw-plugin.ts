// Builds web/sw.ts into dist/web/sw.js with the list of files to precache: Vite names its output by content hash, so
// the list only exists once the bundle does. VERSION hashes every file's content, so any change to the build makes a
// byte-different sw.js, which is how browsers notice an update.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';

const SW_SOURCE = new URL('./sw.ts', import.meta.url);
const SW_FILE = 'sw.js';

export function serviceWorkerPlugin(): Plugin {
  let publicDir = '';
  return {
    name: 'provlens-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    // 'post': index.html is emitted by Vite's own generateBundle, and it must be in the list.
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const files = new Map<string, string | Uint8Array>();
        for (const output of Object.values(bundle)) {
          files.set(output.fileName, output.type === 'chunk' ? output.code : output.source);
        }
        for (const file of listFiles(publicDir)) files.set(file, readFileSync(join(publicDir, file)));
        const precache = [...files.keys()].filter((file) => file !== SW_FILE && !file.endsWith('.map')).sort();
        const version = createHash('sha256');
        for (const file of precache) version.update(file).update(files.get(file) ?? '');
        const { code } = await transformWithOxc(readFileSync(SW_SOURCE, 'utf8'), 'sw.ts', { lang: 'ts' });
        const header =
          `const PRECACHE = ${JSON.stringify(precache.map((file) => `./${file}`))};\n` +
          `const VERSION = ${JSON.stringify(version.digest('hex').slice(0, 16))};\n`;
        // The compiled module's `export {}` would make the classic worker script a syntax error.
        const script = header + code.replace(/^export \{\s*\};?\s*$/m, '');
        this.emitFile({ type: 'asset', fileName: SW_FILE, source: script });
      },
    },
  };
}

function listFiles(directory: string): string[] {
  if (!directory) return [];
  try {
    return readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/'));
  } catch {
    return [];
  }
}
