// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { compareExpiry, portalExpiryText } from '../../extension/content/portal-expiry';

afterEach(() => document.body.replaceChildren());

/** A portal fragment from fixed test markup (parsed, then moved into the page). */
function page(markup: string): void {
  document.body.replaceChildren(...new DOMParser().parseFromString(markup, 'text/html').body.childNodes);
}

describe("the portal's Expiration date", () => {
  it('is read from a labelled read-only input, a definition list or a text beside the label', () => {
    page('<div><label for="e">Expiration date</label><input id="e" readonly value="1/15/2027, 10:30:00 AM"></div>');
    expect(portalExpiryText(document)).toBe('1/15/2027, 10:30:00 AM');
    page('<dl><dt>Name</dt><dd>x</dd><dt>Expiration date</dt><dd>2027-01-15</dd></dl>');
    expect(portalExpiryText(document)).toBe('2027-01-15');
    page('<div class="row"><div><span>Expiration date</span></div><div><span>January 15, 2027</span></div></div>');
    expect(portalExpiryText(document)).toBe('January 15, 2027');
    page('<span id="l">Expiration date</span><div><input aria-labelledby="l" value="15.01.2027"></div>');
    expect(portalExpiryText(document)).toBe('15.01.2027');
  });

  it('is null until the portal fills it, and when no such field exists', () => {
    page('<label for="e">Expiration date</label><input id="e" readonly value="">');
    expect(portalExpiryText(document)).toBeNull();
    page('<p>Upload profile file</p><input type="file">');
    expect(portalExpiryText(document)).toBeNull();
  });

  it('agrees on the same calendar day in UTC or local time, and says when it differs', () => {
    expect(compareExpiry('2027-01-15T10:30:00.000Z', '2027-01-15')).toEqual({ portalText: '2027-01-15', agrees: true });
    expect(compareExpiry('2027-01-15T10:30:00.000Z', 'January 15, 2027').agrees).toBe(true);
    expect(compareExpiry('2027-01-15T10:30:00.000Z', '1/15/2027, 10:30:00 AM').agrees).toBe(true);
    expect(compareExpiry('2027-01-15T10:30:00.000Z', '2026-01-15').agrees).toBe(false);
    expect(compareExpiry('2027-01-15T10:30:00.000Z', 'soon').agrees).toBeNull();
    expect(compareExpiry(null, '2027-01-15').agrees).toBeNull();
  });
});
