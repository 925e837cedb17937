// Capabilities enforcement as iOS applies it: the profile's Entitlements are an allowlist for the signed ones.
import { describe, expect, it } from 'vitest';
import { capabilities, entitlementsNotGranted, matches } from '../../../core/app/capabilities';

const PROFILE = {
  'application-identifier': 'ABCDE12345.com.contoso.field',
  'keychain-access-groups': ['ABCDE12345.*', 'com.apple.token'],
  'com.apple.security.application-groups': ['group.com.contoso.shared'],
  'com.apple.developer.associated-domains': '*',
  'get-task-allow': false,
  'aps-environment': 'production',
  'com.apple.developer.healthkit': true,
};

describe('entitlementsNotGranted', () => {
  it('grants what the profile allows, wildcards and arrays element by element', () => {
    const signed = {
      'application-identifier': 'ABCDE12345.com.contoso.field',
      'keychain-access-groups': ['ABCDE12345.com.contoso.field', 'com.apple.token'],
      'com.apple.security.application-groups': ['group.com.contoso.shared'],
      'com.apple.developer.associated-domains': ['applinks:contoso.com', 'webcredentials:contoso.com'],
      'get-task-allow': false,
      'aps-environment': 'production',
      'com.apple.developer.healthkit': true,
    };
    expect(entitlementsNotGranted(signed, PROFILE)).toEqual([]);
    expect(capabilities(signed, PROFILE).status).toBe('covered');
  });

  it('names each key the profile does not grant', () => {
    const signed = {
      'keychain-access-groups': ['FGHIJ67890.com.contoso.field'],
      'com.apple.security.application-groups': ['group.com.contoso.shared', 'group.other'],
      'get-task-allow': true,
      'aps-environment': 'development',
      'com.apple.developer.siri': true,
      'com.apple.developer.healthkit': true,
    };
    expect(entitlementsNotGranted(signed, PROFILE)).toEqual([
      'keychain-access-groups',
      'com.apple.security.application-groups',
      'get-task-allow',
      'aps-environment',
      'com.apple.developer.siri',
    ]);
    expect(capabilities(signed, PROFILE)).toMatchObject({ status: 'exceeds', notInProfile: expect.arrayContaining(['com.apple.developer.siri']) });
  });

  it('asking for false or an empty list asks for nothing', () => {
    expect(entitlementsNotGranted({ 'com.apple.developer.siri': false, 'com.apple.security.application-groups': [] }, {})).toEqual([]);
  });

  it('is unknown without signed entitlements or without a profile, and still shows what was signed', () => {
    expect(capabilities(null, PROFILE)).toEqual({ status: 'unknown', notInProfile: [], entitlements: null });
    expect(capabilities({ 'get-task-allow': true }, null)).toEqual({ status: 'unknown', notInProfile: [], entitlements: { 'get-task-allow': true } });
  });
});

describe('matches', () => {
  it('"*" matches anything, a trailing "*" any suffix, otherwise equality', () => {
    expect(matches('*', 'anything')).toBe(true);
    expect(matches('ABCDE12345.*', 'ABCDE12345.com.x')).toBe(true);
    expect(matches('ABCDE12345.*', 'FGHIJ67890.com.x')).toBe(false);
    expect(matches('a.b', 'a.bc')).toBe(false);
  });
});
