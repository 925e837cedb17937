// Semantic difference between two decoded profiles, for a renewal review ("what changed between the profile devices
// run today and the one about to be pushed"). Fields follow Apple TN3125's profile keys; certificates are matched by
// SHA-256 fingerprint (RFC 5280 DER), because a renewed certificate keeps its common name but never its fingerprint.
// Every change carries the label a reader knows the field by, so the web view and the CLI never show raw keys.
import { explainEntitlement } from './entitlements';
import type {
  CertificateChange,
  DeveloperCertificate,
  EntitlementChange,
  FieldChange,
  JsonObject,
  JsonValue,
  Profile,
  ProfileDiff,
  SignatureComparison,
  SignatureReport,
  SignatureSide,
} from '../types';

/** The scalar fields a renewal review reads, in the order a reader expects them, with the names readers use. */
const FIELD_LABELS = {
  name: 'Name',
  uuid: 'UUID',
  appIdName: 'App ID name',
  applicationIdentifier: 'App ID',
  teamId: 'Team',
  teamName: 'Team name',
  type: 'Type',
  platforms: 'Platforms',
  createdAt: 'Created',
  expiresAt: 'Expires',
  timeToLive: 'Valid for (days)',
  provisionsAllDevices: 'All devices',
  getTaskAllow: 'Debugger allowed (get-task-allow)',
  apsEnvironment: 'Push environment',
  isXcodeManaged: 'Managed by Xcode',
} as const satisfies Partial<Record<keyof Profile, string>>;

const FIELDS = Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[];

const SIGNATURE_LABELS = { status: 'Signature', signer: 'Signed by', signedAt: 'Signed at' } as const satisfies Record<
  keyof SignatureSide,
  string
>;

/** The reader's name for a profile field or signature field of a diff; the key itself when it has none. */
export function fieldLabel(field: string): string {
  return (Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field as keyof typeof FIELD_LABELS] : undefined) ?? field;
}

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
  return FIELDS.flatMap((field) =>
    sameJson(a[field], b[field]) ? [] : [{ field, label: FIELD_LABELS[field], before: a[field], after: b[field] }],
  );
}

function certificatesOnlyIn(a: Profile, b: Profile): CertificateChange[] {
  const other = new Set(b.certificates.map((certificate) => certificate.sha256));
  return a.certificates
    .filter((certificate) => !other.has(certificate.sha256))
    .map(({ sha256, commonName, notAfter }: DeveloperCertificate) => ({ sha256, commonName, notAfter }));
}

function onlyIn(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((item) => !other.has(item));
}

function entitlementsOnlyIn(a: JsonObject, b: JsonObject): EntitlementChange[] {
  return Object.keys(a)
    .filter((key) => !Object.hasOwn(b, key))
    .map((key) => ({ key, value: a[key] ?? null, explanation: explainEntitlement(key) }));
}

function signatureSide(report: SignatureReport | null): SignatureSide | null {
  return report && { status: report.status, signer: report.signer, signedAt: report.signedAt };
}

/** Status, signer and signing time side by side: a renewal is re-signed (a new signedAt) but should stay `valid`
 *  under the same Apple signer; anything else is what the reviewer has to see. */
export function compareSignatures(a: SignatureReport | null, b: SignatureReport | null): SignatureComparison {
  const before = signatureSide(a);
  const after = signatureSide(b);
  const changes = (Object.keys(SIGNATURE_LABELS) as (keyof SignatureSide)[]).flatMap((field) => {
    const was = before?.[field] ?? null;
    const now = after?.[field] ?? null;
    return was === now ? [] : [{ field, label: SIGNATURE_LABELS[field], before: was, after: now }];
  });
  return { before, after, changes };
}

/** What changed from `a` (before) to `b` (after); empty lists and no changes when they are the same profile. Pass
 *  both sides' signature reports to have the signatures compared too. */
export function diffProfiles(
  a: Profile,
  b: Profile,
  signatures?: { before: SignatureReport | null; after: SignatureReport | null },
): ProfileDiff {
  const before = a.entitlements;
  const after = b.entitlements;
  return {
    changes: fieldChanges(a, b),
    certificatesAdded: certificatesOnlyIn(b, a),
    certificatesRemoved: certificatesOnlyIn(a, b),
    devicesAdded: onlyIn(b.devices, a.devices),
    devicesRemoved: onlyIn(a.devices, b.devices),
    deviceCounts: { before: a.devices.length, after: b.devices.length },
    entitlementsAdded: entitlementsOnlyIn(after, before),
    entitlementsRemoved: entitlementsOnlyIn(before, after),
    entitlementsChanged: Object.keys(before)
      .filter((key) => Object.hasOwn(after, key) && !sameJson(before[key] ?? null, after[key] ?? null))
      .map((key) => ({
        field: key,
        label: key,
        explanation: explainEntitlement(key),
        before: before[key] ?? null,
        after: after[key] ?? null,
      })),
    ...(signatures && { signature: compareSignatures(signatures.before, signatures.after) }),
  };
}
