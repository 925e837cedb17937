// The extension's build: crxjs turns manifest.json (Chrome/Edge MV3) into dist/extension; the Firefox variant is
// derived here rather than kept as a second manifest, so the two cannot drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, UserConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import chromeManifest from '../manifest.json' with { type: 'json' };

type Manifest = typeof chromeManifest;
export type ExtensionTarget = 'chrome' | 'firefox';

// AMO needs a stable id and, for new add-ons, a data-collection declaration (we collect nothing), which Firefox
// understands from 140 (ESR) on desktop and 142 on Android.
const GECKO = {
  id: 'provlens@provlens.invalid',
  strict_min_version: '140.0',
  data_collection_permissions: { required: ['none'] },
};
const GECKO_ANDROID = { strict_min_version: '142.0' };

export type FirefoxManifest = Omit<Manifest, 'background' | 'minimum_chrome_version'> & {
  background: { scripts: string[]; type: 'module' };
  browser_specific_settings: { gecko: typeof GECKO; gecko_android: typeof GECKO_ANDROID };
};

/** Firefox MV3 has no service worker: the same module runs as a background script (an event page). */
export function firefoxManifest(manifest: Manifest): FirefoxManifest {
  const { background, minimum_chrome_version: _chromeOnly, ...rest } = manifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: { gecko: GECKO, gecko_android: GECKO_ANDROID },
  };
}

export type ChromeManifest = Manifest & { browser_specific_settings: { gecko: typeof GECKO; gecko_android: typeof GECKO_ANDROID } };

/**
 * The Chrome/Edge package also carries Firefox's keys, so it passes `web-ext lint` too (a gecko id and a
 * data-collection declaration); Chrome ignores `browser_specific_settings`. The background-scripts fallback that
 * lint also wants is added to the built manifest (crxjs rewrites `background` for Chrome): Chrome ignores
 * `background.scripts` when a service worker is declared, from Chrome 121 on.
 */
export function chromeStoreManifest(manifest: Manifest): ChromeManifest {
  return { ...manifest, minimum_chrome_version: '121', browser_specific_settings: { gecko: GECKO, gecko_android: GECKO_ANDROID } };
}

function backgroundScriptsFallback(outDir: string): Plugin {
  return {
    name: 'provlens-background-scripts-fallback',
    apply: 'build',
    enforce: 'post',
    closeBundle() {
      const path = resolve(outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(path, 'utf8')) as { background: { service_worker: string; scripts?: string[] } };
      built.background.scripts = [built.background.service_worker];
      writeFileSync(path, `${JSON.stringify(built, null, 2)}\n`);
    },
  };
}

export function extensionConfig(target: ExtensionTarget): UserConfig {
  // crxjs's manifest type predates Firefox's keys (and JSON imports widen literals): the shape is checked above.
  const manifest = (target === 'firefox' ? firefoxManifest(chromeManifest) : chromeStoreManifest(chromeManifest)) as unknown as ManifestV3Export;
  const outDir = target === 'firefox' ? 'dist/extension-firefox' : 'dist/extension';
  return {
    plugins: [preact(), crx({ manifest, browser: target }), ...(target === 'chrome' ? [backgroundScriptsFallback(outDir)] : [])],
    build: {
      outDir,
      emptyOutDir: true,
      // Extension pages are not in the manifest: crxjs only builds what rollup is told about.
      rollupOptions: { input: { full: 'extension/full/index.html' } },
      // Readable stack traces in bug reports without shipping source maps to the stores.
      minify: true,
      sourcemap: false,
    },
    // The full page reuses the web app's importer, whose decode workers are module workers (web/import/decode-pool.ts).
    worker: { format: 'es' },
  };
}
