// The theme setting on the page (html[data-theme], read by styles.css and the popup's CSS). The setting lives in
// IndexedDB, which answers only after the first paint; the last applied theme is also remembered in localStorage
// (this origin only, one short word) so a page opened under "Dark" on a light system never flashes white first.
import type { Settings } from '../core/store';

type Theme = Settings['theme'];
const REMEMBERED = 'provlens-theme';

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(REMEMBERED, theme);
  } catch {
    // Storage refused (private mode, policy): the theme still applies, only the next first paint may differ.
  }
}

/** Before the first render: the theme applied last time, if any. */
export function restoreTheme(): void {
  let remembered: string | null;
  try {
    remembered = localStorage.getItem(REMEMBERED);
  } catch {
    return;
  }
  if (remembered === 'light' || remembered === 'dark' || remembered === 'system') document.documentElement.dataset.theme = remembered;
}
