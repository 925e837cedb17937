// What "dark mode" means, checked in the page itself: the page and its surfaces (cards, tables, inputs, dialogs,
// code, details, progress bars) are dark, text is light, nothing has a light background under light text, every
// element renders its native parts (form controls, scrollbars) in the dark scheme, and the focus ring stands out
// (WCAG 2.2 SC 1.4.11: 3:1 against what is behind it). Luminance and contrast follow WCAG 2.x's definitions.
import type { Frame, Page } from 'playwright-core';

export interface DarkThresholds {
  /** The system preference the page sees: under a light system, only an explicit `color-scheme: dark` counts. */
  systemDark: boolean;
  /** Check only inside this shadow host (the portal panel), not the page around it. */
  within?: string;
}

/** Surfaces that must be dark themselves (not only the page behind them). Buttons are left out: a primary
 *  button wears the accent colour, and the checks on every element still keep it from being white. */
export const DARK_SURFACES = [
  'body',
  'main',
  'section',
  'header',
  '.card',
  'table',
  'th',
  'td',
  'input:not([type="radio"]):not([type="checkbox"]):not(.visually-hidden)',
  'select',
  'textarea',
  'dialog',
  'pre',
  'code',
  'details',
  'summary',
  'progress',
  'fieldset',
  'li',
].join(', ');

export async function darkModeProblems(page: Page | Frame, thresholds: DarkThresholds): Promise<string[]> {
  return page.evaluate(
    ({ systemDark, surfaces, within }) => {
      type Rgba = { r: number; g: number; b: number; a: number };
      const problems = new Set<string>();
      const parse = (value: string): Rgba | null => {
        const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)$/.exec(value);
        if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: rgb[4] === undefined ? 1 : Number(rgb[4]) };
        const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/.exec(value);
        if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: srgb[4] === undefined ? 1 : Number(srgb[4]) };
        return null;
      };
      const luminance = ({ r, g, b }: Rgba) => {
        const channel = (value: number) => {
          const c = value / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const probe = document.createElement('div');
      probe.style.cssText = 'background: Canvas; color: CanvasText';
      document.body.append(probe);
      const canvas = parse(getComputedStyle(probe).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 };
      probe.remove();
      const parentOf = (element: Element): Element | null => element.parentElement ?? ((element.getRootNode() as Partial<ShadowRoot>).host ?? null);
      // The first mostly opaque background at or behind the element: what its text is read against.
      const backgroundOf = (element: Element): Rgba => {
        for (let current: Element | null = element; current; current = parentOf(current)) {
          const colour = parse(getComputedStyle(current).backgroundColor);
          if (colour && colour.a >= 0.5) return colour;
        }
        return canvas;
      };
      const describe = (element: Element) => {
        const id = element.id ? `#${element.id}` : '';
        const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
        const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `${element.tagName.toLowerCase()}${id}${classes}${text ? ` "${text}"` : ''}`;
      };
      const visible = (element: Element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
      };
      const usesDark = (scheme: string) => {
        const words = scheme.split(/\s+/);
        return words.includes('dark') && (systemDark || !words.includes('light'));
      };

      const scope: ParentNode | null | undefined = within ? document.querySelector(within)?.shadowRoot : document;
      if (!scope) return [`${within}: no open shadow root to check`];
      if (!within) {
        const rootScheme = getComputedStyle(document.documentElement).colorScheme;
        if (!usesDark(rootScheme)) problems.add(`html: color-scheme "${rootScheme}" renders scrollbars and controls light`);
        const bodyText = parse(getComputedStyle(document.body).color);
        if (!bodyText || luminance(bodyText) < 0.5) problems.add(`body: text ${getComputedStyle(document.body).color} is not light`);
      }

      for (const element of scope.querySelectorAll(surfaces)) {
        if (!visible(element)) continue;
        const background = backgroundOf(element);
        if (luminance(background) > 0.1) problems.add(`${describe(element)}: background rgb(${background.r}, ${background.g}, ${background.b}) is not dark`);
      }
      for (const element of scope.querySelectorAll('*')) {
        if (!visible(element)) continue;
        const style = getComputedStyle(element);
        if (!usesDark(style.colorScheme)) problems.add(`${describe(element)}: color-scheme "${style.colorScheme}"`);
        const own = parse(style.backgroundColor);
        // White or a light grey: a light accent (a yellow timeline mark on a dark page) is a colour, not "left white".
        const neutral = own && Math.max(own.r, own.g, own.b) - Math.min(own.r, own.g, own.b) < 40;
        if (own && own.a >= 0.5 && neutral && luminance(own) > 0.6) problems.add(`${describe(element)}: white background ${style.backgroundColor}`);
        const hasText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
        if (!hasText) continue;
        const text = parse(style.color);
        const behind = luminance(backgroundOf(element));
        if (text && luminance(text) > 0.4 && behind > 0.4) problems.add(`${describe(element)}: light text ${style.color} on a light background`);
        if (text && contrast(luminance(text), behind) < 3) problems.add(`${describe(element)}: text ${style.color} has ${contrast(luminance(text), behind).toFixed(2)}:1 against its background`);
      }
      return [...problems].slice(0, 25);
    },
    { systemDark: thresholds.systemDark, surfaces: DARK_SURFACES, within: thresholds.within ?? null },
  );
}

/** Tabs through the first few focusable elements and measures each visible focus ring against what is around it
 *  (the outline sits outside the element, so against its parent's background). A visually hidden file input is
 *  represented by its label, which draws the ring (:focus-within). */
export async function focusRingProblems(page: Page, presses = 6): Promise<string[]> {
  const problems: string[] = [];
  let measured = 0;
  for (let press = 0; press < presses; press++) {
    await page.keyboard.press('Tab');
    const result = await page.evaluate(() => {
      const active = document.activeElement;
      if (!active || active === document.body) return null;
      const focused = active.matches('.visually-hidden') ? active.closest('label') : active;
      const box = focused?.getBoundingClientRect();
      if (!focused || !box || box.width < 4 || box.height < 4) return null;
      const style = getComputedStyle(focused);
      const name = `${focused.tagName.toLowerCase()} "${(focused.textContent ?? '').trim().slice(0, 30)}"`;
      if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return `${name}: no visible focus ring (${style.outline})`;
      const parse = (value: string) => {
        const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?/.exec(value);
        return match ? { rgb: match.slice(1, 4).map(Number), alpha: match[4] === undefined ? 1 : Number(match[4]) } : null;
      };
      const luminance = (rgb: number[]) =>
        rgb.map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
      let behind: number[] | null = null;
      for (let element: Element | null = focused.parentElement; element && !behind; element = element.parentElement) {
        const colour = parse(getComputedStyle(element).backgroundColor);
        if (colour && colour.alpha >= 0.5) behind = colour.rgb;
      }
      behind ??= parse(getComputedStyle(document.documentElement).backgroundColor)?.rgb ?? null;
      const ring = parse(style.outlineColor);
      if (!ring || !behind) return `${name}: focus ring ${style.outlineColor} cannot be measured`;
      const [a, b] = [luminance(ring.rgb), luminance(behind)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      return ratio >= 3 ? '' : `${name}: focus ring ${style.outlineColor} has ${ratio.toFixed(2)}:1 against rgb(${behind.join(', ')})`;
    });
    if (result === null) continue;
    measured++;
    if (result) problems.push(result);
  }
  return measured > 0 ? [...new Set(problems)] : [`Tab reached no visible element in ${presses} presses`];
}
