import { defineConfig } from 'vite';
import { webConfig } from './web/vite.web.ts';
import { extensionConfig } from './extension/vite.extension.ts';

// One config, three outputs: `vite build` → dist/web (the static SPA), `--mode extension` → dist/extension
// (Chrome/Edge MV3), `--mode firefox` → dist/extension-firefox.
export default defineConfig(({ mode }) => {
  if (mode === 'extension') return extensionConfig('chrome');
  if (mode === 'firefox') return extensionConfig('firefox');
  return webConfig();
});
