// `npm run lint` (after ESLint): fails when modules import each other in a circle, at run time. esbuild resolves every
// module of core/, cli/, web/ and extension/ exactly as the builds do and lists each one's imports (its metafile);
// type-only imports vanish in compilation, so only circles that exist when the code runs are counted.
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const FOLDERS = ['core', 'cli', 'web', 'extension'];

function sources(folder) {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !/^vite\./.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const { metafile } = await build({
  entryPoints: FOLDERS.flatMap(sources),
  bundle: true,
  write: false,
  metafile: true,
  outdir: join(root, 'dist/.cycles'),
  packages: 'external',
  format: 'esm',
  platform: 'neutral',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty', '.html': 'empty' },
  external: ['node:*', '*?url', '*?raw', '*?worker', 'virtual:*'],
  logLevel: 'error',
});

const graph = new Map(Object.entries(metafile.inputs).map(([file, input]) => [file, input.imports.filter((i) => !i.external).map((i) => i.path)]));
const cycles = [];
const state = new Map();
const stack = [];
function visit(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);

if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`import cycle: ${cycle.map((file) => relative(root, resolve(root, file))).join(' → ')}`);
  process.exit(1);
}
console.log(`no import cycles among ${graph.size} modules`);
