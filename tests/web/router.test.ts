import { describe, expect, it } from 'vitest';
import { appHref, compareHref, parseRoute, profileHref } from '../../web/router';

describe('parseRoute', () => {
  it('maps each hash to its view, defaulting to the library', () => {
    expect(parseRoute('')).toEqual({ view: 'library' });
    expect(parseRoute('#/library')).toEqual({ view: 'library' });
    expect(parseRoute('#/nonsense')).toEqual({ view: 'library' });
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#/import')).toEqual({ view: 'import' });
    expect(parseRoute('#/app-check')).toEqual({ view: 'app-check' });
    expect(parseRoute('#/tenant')).toEqual({ view: 'tenant' });
    expect(parseRoute('#/sample')).toEqual({ view: 'sample' });
    expect(parseRoute('#/profile')).toEqual({ view: 'library' });
  });

  it('round-trips profile ids, including sha256: ids', () => {
    const id = 'sha256:0a1b2c';
    expect(profileHref(id)).toBe('#/profile/sha256%3A0a1b2c');
    expect(parseRoute(profileHref(id))).toEqual({ view: 'profile', id });
    expect(parseRoute(profileHref('5e1f7a3c-0b2d-4c6e-9f80-1a2b3c4d5e6f'))).toEqual({
      view: 'profile',
      id: '5e1f7a3c-0b2d-4c6e-9f80-1a2b3c4d5e6f',
    });
  });

  it('maps #/apps to the board and #/apps/<id> to one app, round-tripping sha256: ids', () => {
    expect(parseRoute('#/apps')).toEqual({ view: 'apps' });
    expect(parseRoute('#/apps/')).toEqual({ view: 'apps' });
    const id = 'sha256:9f86d081884c7d65';
    expect(appHref(id)).toBe('#/apps/sha256%3A9f86d081884c7d65');
    expect(parseRoute(appHref(id))).toEqual({ view: 'app', id });
  });

  it('carries the two compared profiles in the query', () => {
    expect(parseRoute(compareHref('old-id', 'new-id'))).toEqual({ view: 'compare', a: 'old-id', b: 'new-id' });
    expect(parseRoute(compareHref('old-id', null))).toEqual({ view: 'compare', a: 'old-id', b: null });
    expect(compareHref(null, null)).toBe('#/compare');
  });
});
