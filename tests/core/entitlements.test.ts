import { describe, expect, it } from 'vitest';
import { explainEntitlement } from '../../core/profile/entitlements';

// Every entitlement key found in the 40 real profiles under ../shared/fixtures/profiles (counted once, by hand with
// plistlib): the views must never show one of them unexplained.
const KEYS_IN_REAL_PROFILES = [
  'keychain-access-groups', 'com.apple.developer.team-identifier', 'get-task-allow', 'application-identifier',
  'aps-environment', 'com.apple.developer.associated-domains', 'beta-reports-active',
  'com.apple.developer.devicecheck.appattest-environment', 'com.apple.developer.ubiquity-kvstore-identifier',
  'com.apple.developer.ubiquity-container-identifiers', 'com.apple.developer.networking.vpn.api',
  'com.apple.developer.icloud-services', 'com.apple.developer.icloud-container-identifiers',
  'com.apple.developer.icloud-container-development-container-identifiers', 'com.apple.developer.applesignin',
  'com.apple.security.application-groups', 'com.apple.developer.networking.networkextension',
  'com.apple.developer.in-app-payments', 'com.apple.developer.coremedia.hls.low-latency',
  'com.apple.developer.authentication-services.autofill-credential-provider',
  'com.apple.developer.associated-domains.mdm-managed', 'com.apple.developer.ClassKit-environment',
  'com.apple.application-identifier', 'com.apple.developer.networking.wifi-info', 'inter-app-audio',
  'com.apple.external-accessory.wireless-configuration', 'com.apple.developer.user-fonts', 'com.apple.developer.siri',
  'com.apple.developer.pass-type-identifiers', 'com.apple.developer.nfc.readersession.formats',
  'com.apple.developer.networking.multipath', 'com.apple.developer.networking.HotspotConfiguration',
  'com.apple.developer.kernel.extended-virtual-addressing', 'com.apple.developer.homekit',
  'com.apple.developer.healthkit.access', 'com.apple.developer.healthkit', 'com.apple.developer.default-data-protection',
  'com.apple.developer.system-extension.install', 'com.apple.developer.networking.custom-protocol',
  'com.apple.developer.maps', 'com.apple.developer.aps-environment', 'com.apple.developer.shared-with-you',
  'com.apple.developer.icloud-container-environment',
];

describe('explainEntitlement', () => {
  it('explains the keys admins meet most, in plain words', () => {
    expect(explainEntitlement('get-task-allow')).toBe('Lets a debugger attach to the app; true only in development profiles.');
    expect(explainEntitlement('aps-environment')).toContain('"production" the live ones');
    expect(explainEntitlement('keychain-access-groups')).toContain('Keychain groups');
    expect(explainEntitlement('com.apple.security.application-groups')).toContain('App groups');
    expect(explainEntitlement('com.apple.developer.associated-domains.mdm-managed')).toContain('Intune');
  });

  it('explains every key seen in the real profiles with one short line', () => {
    const missing = KEYS_IN_REAL_PROFILES.filter((key) => explainEntitlement(key) === null);
    expect(missing).toEqual([]);
    for (const key of KEYS_IN_REAL_PROFILES) {
      const line = explainEntitlement(key) ?? '';
      expect(line.length, key).toBeLessThanOrEqual(120);
      expect(line, key).not.toContain('\n');
    }
  });

  it('returns null for unknown keys, including Object.prototype names', () => {
    for (const key of ['com.example.custom', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '']) {
      expect(explainEntitlement(key), key).toBeNull();
    }
  });
});
