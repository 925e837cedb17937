// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { luminance, parseRgb, portalTheme } from '../../extension/content/theme';

afterEach(() => document.body.replaceChildren());

/** A portal fragment from fixed test markup (parsed, then moved into the page). */
function page(markup: string): void {
  document.body.replaceChildren(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
}

describe("the portal's theme", () => {
  it('parses computed colours and ranks them light or dark', () => {
    expect(parseRgb('rgb(27, 26, 25)')).toEqual({ r: 27, g: 26, b: 25, a: 1 });
    expect(parseRgb('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseRgb('rgb(255 255 255 / 50%)')).toEqual({ r: 255, g: 255, b: 255, a: 0.5 });
    expect(parseRgb('transparent')).toBeNull();
    expect(luminance({ r: 255, g: 255, b: 255, a: 1 })).toBeCloseTo(1);
    expect(luminance({ r: 27, g: 26, b: 25, a: 1 })).toBeLessThan(0.02);
  });

  it('takes the first opaque background behind the anchor and its text colour', () => {
    page('<div id="blade" style="background-color: rgb(27, 26, 25); color: rgb(243, 242, 241)"><div><span id="anchor"></span></div></div>');
    expect(portalTheme(document.getElementById('anchor')!)).toEqual({ foreground: 'rgb(243, 242, 241)', background: 'rgb(27, 26, 25)', scheme: 'dark' });
  });

  it('stays transparent over the canvas and reads the scheme from the text when nothing is opaque', () => {
    page('<div style="color: rgb(20, 20, 20)"><span id="anchor"></span></div>');
    expect(portalTheme(document.getElementById('anchor')!)).toMatchObject({ background: null, scheme: 'light' });
  });
});
