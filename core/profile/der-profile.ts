// The DER-Encoded-Profile (Apple TN3125): a second CMS SignedData inside the plist, signed with ECDSA by "WWDR
// Provisioning Profile Signing" ← "Apple System Integration CA 4" ← Apple Root CA - G3, whose content is DER, not a
// plist: a SET of SEQUENCE { UTF8String key, value }, UTCTime dates, SEQUENCEs for arrays, SHA-256 OCTET STRINGs for
// DeveloperCertificates, and Entitlements as [APPLICATION 16] { INTEGER 1, [16] { SEQUENCE { key, value } … } } with
// nested dictionaries as [16]. Apple calls it the source of truth; here it is verified and cross-checked against the plist.
import { toHex } from '../bytes';
import { DerReader, Tag, TagClass, type Tlv } from '../asn1/der';
import { parseSignedData } from '../cms/cms';
import { ProvlensError } from '../errors';
import { MAX_PLIST_DEPTH, setOwn } from './plist-value';
import { DER_PROFILE_POLICY, assessSignature } from '../cms/trust';
import type { DerProfileReport, JsonObject, JsonValue, SignatureReport } from '../types';

export function absentDerProfile(): DerProfileReport {
  return { present: false, signature: null, distributionType: null, consistent: null, mismatches: [] };
}

/** What the DER copy is compared with: the plist's own values, already made JSON-safe. */
export interface PlistFacts {
  plist: JsonObject;
  entitlements: JsonObject;
  certificateSha256: string[];
}

export interface DerProfileCheck {
  report: DerProfileReport;
  /** The decoded DER content; null when it could not be decoded. */
  content: JsonObject | null;
}

/** Decodes the DER content (the SET of key/value pairs). Throws ProvlensError('malformed-der'). */
export function decodeDerProfileContent(bytes: Uint8Array): JsonObject {
  const r = new DerReader(bytes, 'malformed-der');
  return readPairs(r, r.children(r.expect(r.read(0), Tag.set, 'a SET of key/value pairs')), 0);
}

function readPairs(r: DerReader, pairs: Tlv[], depth: number): JsonObject {
  const out: JsonObject = {};
  for (const pair of pairs) {
    const [keyTlv, valueTlv] = r.children(r.expect(pair, Tag.sequence, 'a key/value SEQUENCE'));
    if (!keyTlv || !valueTlv) r.fail('key/value pair without a value');
    setOwn(out, r.text(r.expect(keyTlv, Tag.utf8String, 'a UTF8String key')), readValue(r, valueTlv, depth + 1));
  }
  return out;
}

function readValue(r: DerReader, tlv: Tlv, depth: number): JsonValue {
  if (depth > MAX_PLIST_DEPTH) r.fail('DER profile nesting is too deep');
  if (tlv.tagClass === TagClass.application && tlv.tagNumber === 16) {
    // Entitlements: a version INTEGER, then the dictionary.
    const dict = r.children(tlv).find((c) => c.tagClass === TagClass.context && c.tagNumber === 16);
    return dict ? readPairs(r, r.children(dict), depth) : {};
  }
  if (tlv.tagClass === TagClass.context && tlv.tagNumber === 16) return readPairs(r, r.children(tlv), depth);
  if (tlv.tagClass !== TagClass.universal) r.fail(`unexpected tag [${tlv.tagClass}:${tlv.tagNumber}]`);
  switch (tlv.tagNumber) {
    case Tag.boolean:
      return r.content(tlv)[0] !== 0;
    case Tag.integer:
      return r.integer(tlv);
    case Tag.octetString:
      return toHex(r.content(tlv));
    case Tag.utcTime:
    case Tag.generalizedTime:
      return r.time(tlv);
    case Tag.sequence:
      return r.children(tlv).map((child) => readValue(r, child, depth + 1));
    default:
      return r.text(tlv);
  }
}

/** Verifies the DER copy's own signature, decodes it and cross-checks it with the plist. Never throws for bad input. */
export async function checkDerProfile(bytes: Uint8Array, facts: PlistFacts, trust: { trustedCaSha256: readonly string[]; now: Date }): Promise<DerProfileCheck> {
  const fallbackTime = typeof facts.plist.CreationDate === 'string' ? facts.plist.CreationDate : null;
  let signature: SignatureReport['status'] | null = null;
  let content: JsonObject | null;
  try {
    const signedData = parseSignedData(bytes, 'malformed-der');
    signature = (await assessSignature(signedData, { ...trust, policy: DER_PROFILE_POLICY, fallbackTime })).status;
    content = signedData.content ? decodeDerProfileContent(signedData.content) : null;
  } catch (error) {
    if (!(error instanceof ProvlensError)) throw error;
    const problem = `DER-Encoded-Profile could not be decoded: ${error.message}`;
    return { report: { present: true, signature, distributionType: null, consistent: null, mismatches: [problem] }, content: null };
  }
  if (!content) {
    return { report: { present: true, signature, distributionType: null, consistent: null, mismatches: ['DER-Encoded-Profile has no content'] }, content };
  }
  const mismatches = crossCheck(content, facts);
  const distributionType = typeof content.ProfileDistributionType === 'string' ? content.ProfileDistributionType : null;
  return { report: { present: true, signature, distributionType, consistent: mismatches.length === 0, mismatches }, content };
}

/** Canonical JSON (sorted keys), so dictionaries compare by content rather than by key order. */
function canonical(value: JsonValue | undefined): string {
  if (value === undefined) return 'absent';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sortedList(value: JsonValue | undefined): JsonValue {
  return Array.isArray(value) ? value.map((v) => canonical(v)).sort() : [];
}

function crossCheck(der: JsonObject, facts: PlistFacts): string[] {
  const { plist } = facts;
  const derEntitlements = der.Entitlements !== null && typeof der.Entitlements === 'object' && !Array.isArray(der.Entitlements) ? der.Entitlements : {};
  const pairs: [string, JsonValue | undefined, JsonValue | undefined][] = [
    ['UUID', plist.UUID, der.UUID],
    ['Name', plist.Name, der.Name],
    ['AppIDName', plist.AppIDName, der.AppIDName],
    ['TeamIdentifier', plist.TeamIdentifier, der.TeamIdentifier],
    ['ApplicationIdentifierPrefix', plist.ApplicationIdentifierPrefix, der.ApplicationIdentifierPrefix],
    ['CreationDate', plist.CreationDate, der.CreationDate],
    ['ExpirationDate', plist.ExpirationDate, der.ExpirationDate],
    ['ProvisionsAllDevices', plist.ProvisionsAllDevices ?? false, der.ProvisionsAllDevices ?? false],
    ['ProvisionedDevices', sortedList(plist.ProvisionedDevices), sortedList(der.ProvisionedDevices)],
    ['DeveloperCertificates (SHA-256)', facts.certificateSha256, der.DeveloperCertificates ?? []],
    // Entitlements key by key, so a mismatch names the entitlement rather than dumping both dictionaries.
    ...[...new Set([...Object.keys(facts.entitlements), ...Object.keys(derEntitlements)])]
      .sort()
      .map((key): [string, JsonValue | undefined, JsonValue | undefined] => [`Entitlements.${key}`, own(facts.entitlements, key), own(derEntitlements, key)]),
  ];
  const mismatches: string[] = [];
  for (const [field, fromPlist, fromDer] of pairs) {
    const a = canonical(fromPlist);
    const b = canonical(fromDer);
    if (a !== b) mismatches.push(`${field}: plist ${short(a)}, DER ${short(b)}`);
  }
  return mismatches;
}

function own(dict: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(dict, key) ? dict[key] : undefined;
}

function short(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
