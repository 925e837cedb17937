// The panel takes the portal's colours instead of imposing a white box: the text colour where it sits and the first
// opaque background behind it (crossing shadow hosts). When every layer is transparent the panel stays transparent
// over the page's canvas and reads light or dark from the text colour; only when nothing can be read does
// prefers-color-scheme decide (in CSS). Forced colours (high contrast) override all of it with system colours.
export interface Theme {
  foreground: string;
  background: string | null;
  scheme: 'light' | 'dark' | null;
}

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export function parseRgb(value: string): Rgba | null {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? parseFloat(match[4]) / 100 : parseFloat(match[4]);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: alpha };
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance({ r, g, b }: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function parentAcrossShadow(element: Element): Element | null {
  return element.parentElement ?? (element.getRootNode() as Partial<ShadowRoot>).host ?? null;
}

export function portalTheme(anchor: Element): Theme {
  const view = anchor.ownerDocument.defaultView;
  const context = anchor.parentElement ?? anchor;
  const foreground = view ? view.getComputedStyle(context).color : '';
  for (let element: Element | null = context; element && view; element = parentAcrossShadow(element)) {
    const background = view.getComputedStyle(element).backgroundColor;
    const rgba = parseRgb(background);
    if (rgba && rgba.a >= 0.5) return { foreground, background, scheme: luminance(rgba) < 0.4 ? 'dark' : 'light' };
  }
  // Transparent all the way down: the panel stays transparent over the canvas, and light text means a dark canvas.
  const text = parseRgb(foreground);
  return { foreground, background: null, scheme: text ? (luminance(text) > 0.5 ? 'dark' : 'light') : null };
}
