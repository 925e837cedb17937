// @vitest-environment happy-dom
// The theme on <html> and its memory across page loads: what keeps a "Dark" page from flashing white before the
// stored setting has loaded.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, restoreTheme } from '../../web/theme';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('theme', () => {
  it('applies a theme and restores it on the next load before anything else runs', () => {
    applyTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    delete document.documentElement.dataset.theme;
    restoreTheme();
    expect(document.documentElement.dataset.theme).toBe('dark');
    applyTheme('light');
    restoreTheme();
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('leaves the page to the system preference when nothing, or nothing valid, was remembered', () => {
    restoreTheme();
    expect(document.documentElement.dataset.theme).toBeUndefined();
    localStorage.setItem('provlens-theme', 'purple');
    restoreTheme();
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('still applies the theme when storage refuses, and restores nothing then', () => {
    const refuse = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: refuse, setItem: refuse, clear: () => undefined });
    applyTheme('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    delete document.documentElement.dataset.theme;
    restoreTheme();
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
