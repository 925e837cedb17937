import type { Plugin } from 'vite';

// web/index.html carries the built page's strict Content-Security-Policy. Vite's dev server injects CSS as inline
// <style> elements, which that policy (rightly) blocks, leaving `npm start` unstyled; so the dev server alone serves
// the page without it. The build keeps it, and tests/e2e/web-privacy.e2e.test.ts checks it there.
const CSP_META = /\s*<meta http-equiv="Content-Security-Policy"[^>]*>/;

export function devWithoutCspPlugin(): Plugin {
  return {
    name: 'provlens-dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(CSP_META, ''),
  };
}
