import { describe, expect, it } from 'vitest';
import { appIdCovers, locateBundles } from '../../../core/app/bundle';

describe('appIdCovers', () => {
  it('matches explicit App IDs exactly and wildcards by prefix', () => {
    expect(appIdCovers('com.contoso.field', 'com.contoso.field')).toBe(true);
    expect(appIdCovers('com.contoso.field', 'com.contoso.field.share')).toBe(false);
    expect(appIdCovers('com.contoso.*', 'com.contoso.field.share')).toBe(true);
    expect(appIdCovers('com.contoso.*', 'com.contosoevil.app')).toBe(false);
    expect(appIdCovers('*', 'org.anything')).toBe(true);
    // proton's in-house profile shipped inside an app it does not match (see ../shared/fixtures/README.md).
    expect(appIdCovers('com.dotgears.flap', 'com.jizuo.wireless')).toBe(false);
  });
});

describe('locateBundles', () => {
  it('ignores Finder shadows and reports an app zipped from its parent folder', () => {
    expect(
      locateBundles([
        'iOSAppOnly/Payload/Sample.app/Info.plist',
        '__MACOSX/iOSAppOnly/Payload/Sample.app/._Info.plist',
        'iOSAppOnly/.DS_Store',
      ]),
    ).toEqual({ bundles: [], misplaced: ['iOSAppOnly/Payload/Sample.app/'] });
  });

  it('finds bundles from their members even when the archive lists no folder entries', () => {
    expect(locateBundles(['Payload/A.app/A', 'Payload/A.app/PlugIns/B.appex/B', 'Payload/A.app/Frameworks/C.framework/C']).bundles).toEqual([
      { path: 'Payload/A.app/', kind: 'app' },
      { path: 'Payload/A.app/PlugIns/B.appex/', kind: 'extension' },
    ]);
  });
});
