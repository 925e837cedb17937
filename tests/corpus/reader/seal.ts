// _CodeSignature/CodeResources (Apple TN2206, codesign's ResourceBuilder): `files2` (or, in seals older than
// iOS 7, `files`) maps each sealed path to its hash (SHA-1 data, or a dict with hash / hash2 (SHA-256), optional,
// symlink, cdhash for nested code); `rules2` / `rules` say which paths are sealed at all, by regex and weight, so a
// present path that a non-omitting rule covers but the seal lacks was added after signing.
import type { PlistValue } from 'plist';
import { asDict, readPlist, type Dict } from './plist';

export type SealEntry =
  | { kind: 'file'; optional: boolean; algorithm: 'sha1' | 'sha256'; hash: Uint8Array }
  | { kind: 'symlink'; optional: boolean; target: string }
  | { kind: 'nested'; optional: boolean; cdhash: Uint8Array | null };

export interface Rule {
  pattern: RegExp;
  weight: number;
  omit: boolean;
  nested: boolean;
}

export interface Seal {
  entries: Map<string, SealEntry>;
  rules: Rule[];
}

export function readSeal(bytes: Uint8Array): Seal | null {
  const plist = asDict(readPlist(bytes));
  if (!plist) return null;
  const files = asDict(plist.files2) ?? asDict(plist.files);
  const rules = asDict(plist.files2 ? plist.rules2 : plist.rules) ?? {};
  if (!files) return null;
  const entries = new Map<string, SealEntry>();
  for (const [path, value] of Object.entries(files)) {
    const entry = sealEntry(value);
    if (entry) entries.set(path, entry);
  }
  return { entries, rules: Object.entries(rules).map(([pattern, value]) => rule(pattern, value)) };
}

function sealEntry(value: PlistValue): SealEntry | null {
  if (value instanceof Uint8Array) return { kind: 'file', optional: false, algorithm: 'sha1', hash: value };
  const dict = asDict(value);
  if (!dict) return null;
  const optional = dict.optional === true;
  if (typeof dict.symlink === 'string') return { kind: 'symlink', optional, target: dict.symlink };
  if (dict.cdhash instanceof Uint8Array || typeof dict.requirement === 'string') {
    return { kind: 'nested', optional, cdhash: dict.cdhash instanceof Uint8Array ? dict.cdhash : null };
  }
  if (dict.hash2 instanceof Uint8Array) return { kind: 'file', optional, algorithm: 'sha256', hash: dict.hash2 };
  if (dict.hash instanceof Uint8Array) return { kind: 'file', optional, algorithm: 'sha1', hash: dict.hash };
  return null;
}

function rule(pattern: string, value: PlistValue): Rule {
  const dict: Dict = asDict(value) ?? {};
  return {
    pattern: new RegExp(pattern),
    weight: typeof dict.weight === 'number' ? dict.weight : 1,
    omit: dict.omit === true,
    nested: dict.nested === true,
  };
}

/** Would codesign have sealed this path? The heaviest matching rule decides (an omitting rule wins a tie, as
 *  "^Info\\.plist$" against "^", both weight 20); no rule, or an omitting one: no. */
export function isSealable(seal: Seal, path: string): boolean {
  let best: Rule | null = null;
  for (const candidate of seal.rules) {
    if (!candidate.pattern.test(path)) continue;
    if (!best || candidate.weight > best.weight || (candidate.weight === best.weight && candidate.omit)) best = candidate;
  }
  return best !== null && !best.omit;
}
