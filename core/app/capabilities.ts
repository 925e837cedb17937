// Capabilities enforcement: are the entitlements an executable was signed with granted by a provisioning profile's
// Entitlements? Matching as iOS's installer (amfid / MobileInstallation) applies it, described in Apple TN3125
// "Inside Code Signing: Provisioning Profiles" ("the profile's entitlements act as an allowlist"): a key the profile
// lacks is not granted; a string may be matched by a profile wildcard ("TEAMID.*", "*"); arrays are checked element
// by element; a boolean is granted only where the profile says true; aps-environment must be equal.
import type { BundleCapabilities, JsonObject, JsonValue } from '../types';

/** The signed entitlement keys the profile's entitlements do not grant, in the order they were signed. */
export function entitlementsNotGranted(signed: JsonObject, granted: JsonObject): string[] {
  return Object.keys(signed).filter((key) => {
    const asked = signed[key];
    const allowed = Object.hasOwn(granted, key) ? granted[key] : undefined;
    return asked !== undefined && !isGranted(key, asked, allowed);
  });
}

export function capabilities(signed: JsonObject | null, granted: JsonObject | null): BundleCapabilities {
  if (!signed || !granted) return { status: 'unknown', notInProfile: [], entitlements: signed };
  const notInProfile = entitlementsNotGranted(signed, granted);
  return { status: notInProfile.length ? 'exceeds' : 'covered', notInProfile, entitlements: signed };
}

function isGranted(key: string, asked: JsonValue, allowed: JsonValue | undefined): boolean {
  // Asking for false (or nothing) asks for nothing.
  if (asked === false || (Array.isArray(asked) && asked.length === 0)) return true;
  if (allowed === undefined) return false;
  if (key === 'aps-environment') return asked === allowed;
  if (typeof asked === 'boolean') return allowed === true;
  if (typeof asked === 'string') return patterns(allowed).some((pattern) => matches(pattern, asked));
  if (Array.isArray(asked)) {
    const allowedPatterns = patterns(allowed);
    return asked.every((item) => (typeof item === 'string' ? allowedPatterns.some((p) => matches(p, item)) : deepEqualIn(item, allowed)));
  }
  return JSON.stringify(asked) === JSON.stringify(allowed);
}

function patterns(allowed: JsonValue): string[] {
  if (typeof allowed === 'string') return [allowed];
  return Array.isArray(allowed) ? allowed.filter((item): item is string => typeof item === 'string') : [];
}

/** "*" matches anything; a trailing "*" matches any suffix ("ABCDE12345.*"); otherwise the strings are equal. */
export function matches(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

function deepEqualIn(item: JsonValue, allowed: JsonValue): boolean {
  const text = JSON.stringify(item);
  return Array.isArray(allowed) && allowed.some((candidate) => JSON.stringify(candidate) === text);
}
