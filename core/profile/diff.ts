// Semantic difference between two decoded profiles, for a renewal review ("what changed between the profile devices
// run today and the one about to be pushed"). Fields follow Apple TN3125's profile keys; certificates are matched by
// SHA-256 fingerprint (RFC 5280 DER), because a renewed certificate keeps its common name but never its fingerprint.
import type { DeveloperCertificate, FieldChange, JsonValue, Profile, ProfileDiff } from '../types';

/** The scalar fields a renewal review reads, in the order a reader expects them. */
const FIELDS = [
  'name',
  'uuid',
  'appIdName',
  'applicationIdentifier',
  'teamId',
  'teamName',
  'type',
  'platforms',
  'createdAt',
  'expiresAt',
  'timeToLive',
  'provisionsAllDevices',
  'getTaskAllow',
  'apsEnvironment',
  'isXcodeManaged',
] as const satisfies readonly (keyof Profile)[];

/** Structural equality for plist values; object key order is irrelevant (plist dicts are unordered). Own keys only:
 *  entitlement names are attacker-controlled and may be "constructor" or "__proto__". */
export function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index] ?? null));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameJson(a[key] ?? null, b[key] ?? null));
}

function fieldChanges(a: Profile, b: Profile): FieldChange[] {
  return FIELDS.flatMap((field) => (sameJson(a[field], b[field]) ? [] : [{ field, before: a[field], after: b[field] }]));
}

function certificatesOnlyIn(a: Profile, b: Profile): { sha256: string; commonName: string | null }[] {
  const other = new Set(b.certificates.map((certificate) => certificate.sha256));
  return a.certificates
    .filter((certificate) => !other.has(certificate.sha256))
    .map(({ sha256, commonName }: DeveloperCertificate) => ({ sha256, commonName }));
}

function onlyIn(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((item) => !other.has(item));
}

/** What changed from `a` (before) to `b` (after); empty lists and no changes when they are the same profile. */
export function diffProfiles(a: Profile, b: Profile): ProfileDiff {
  const before = a.entitlements;
  const after = b.entitlements;
  return {
    changes: fieldChanges(a, b),
    certificatesAdded: certificatesOnlyIn(b, a),
    certificatesRemoved: certificatesOnlyIn(a, b),
    devicesAdded: onlyIn(b.devices, a.devices),
    devicesRemoved: onlyIn(a.devices, b.devices),
    entitlementsAdded: Object.keys(after)
      .filter((key) => !Object.hasOwn(before, key))
      .map((key) => ({ key, value: after[key] ?? null })),
    entitlementsRemoved: Object.keys(before)
      .filter((key) => !Object.hasOwn(after, key))
      .map((key) => ({ key, value: before[key] ?? null })),
    entitlementsChanged: Object.keys(before)
      .filter((key) => Object.hasOwn(after, key) && !sameJson(before[key] ?? null, after[key] ?? null))
      .map((key) => ({ field: key, before: before[key] ?? null, after: after[key] ?? null })),
  };
}
