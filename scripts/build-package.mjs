// `npm run build:package` (also run by `prepack`): the npm package's runtime, bundled so the installed CLI needs no
// dev dependency (tsx, TypeScript) and no runtime dependency at all.
//   dist/cli/    the `provlens` bin: cli/provlens.ts with the core it uses, ESM, split so that code only some commands
//                need (apps, verdicts, exports) loads when that command runs
//   dist/lib/    the core's public API (core/index.ts) as one ESM file for `import { decodeProfile } from 'provlens'`
//   dist/types/  its .d.ts files, with relative imports rewritten to the `.js` form Node's ESM resolution needs
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const out = (...parts) => join(root, 'dist', ...parts);

for (const folder of ['cli', 'lib', 'types']) rmSync(out(folder), { recursive: true, force: true });

const shared = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
};

await build({
  ...shared,
  entryPoints: { provlens: join(root, 'cli/provlens.ts') },
  outdir: out('cli'),
  splitting: true,
  chunkNames: 'chunk-[hash]',
  minifySyntax: true,
  banner: { js: '#!/usr/bin/env node' },
});

// The library runs in browsers and bundlers too: neutral platform, no Node built-ins (the core imports none). Its
// ESM entry for packages that name one only in `module` (hash-wasm has no `exports`).
await build({
  ...shared,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  entryPoints: { index: join(root, 'core/index.ts') },
  outdir: out('lib'),
});

execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'core/tsconfig.package.json')], { stdio: 'inherit' });
rewriteDeclarationImports(out('types'));
pruneUnreachableDeclarations(out('types'), 'index.d.ts');

function rewriteDeclarationImports(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) rewriteDeclarationImports(path);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g, (_, lead, quote, spec) => `${lead}${quote}${withJs(dirname(path), spec)}${quote}`));
    }
  }
}

// `./app/app` → `./app/app.js`; `./export` (a folder) → `./export/index.js`.
function withJs(from, specifier) {
  if (specifier.endsWith('.js')) return specifier;
  return existsSync(join(from, `${specifier}.d.ts`)) ? `${specifier}.js` : `${specifier}/index.js`;
}

// tsc declares every module index.ts reaches at run time; the package needs only those its declarations name (the
// findings rules, say, are code the public types never mention). Keeps the tarball to the files that serve a reader.
function pruneUnreachableDeclarations(folder, entry) {
  const reached = new Set();
  const pending = [join(folder, entry)];
  while (pending.length > 0) {
    const file = pending.pop();
    if (reached.has(file) || !existsSync(file)) continue;
    reached.add(file);
    for (const [, , specifier] of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\1/g)) {
      pending.push(join(dirname(file), specifier.replace(/\.js$/, '.d.ts')));
    }
  }
  removeUnreached(folder, reached);
}

function removeUnreached(folder, reached) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      removeUnreached(path, reached);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (!reached.has(path)) rmSync(path);
  }
}
