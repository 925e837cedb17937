// A bundle's resource seal, _CodeSignature/CodeResources: a plist whose `files2` maps each sealed path (relative to
// the bundle) to a SHA-256 `hash2` (else a SHA-1 `hash`), a `symlink` target, or, for nested code, its `cdhash`; and
// whose `rules2` say which unsealed paths are omitted on purpose. Format as codesign writes it (Apple TN2206 "macOS
// Code Signing In Depth", "Resource rules"); `files` (v1) is only read when `files2` is absent.
import { fromBase64 } from '../base64';
import { toErrorData } from '../errors';
import { parsePlist } from '../profile/plist';
import type { JsonValue } from '../types';
import { unsafePattern } from './safe-pattern';

export type Seal =
  | { kind: 'file'; hash: Uint8Array; algorithm: 'SHA-256' | 'SHA-1'; optional: boolean }
  | { kind: 'symlink'; target: string; optional: boolean }
  | { kind: 'nested'; cdhash: Uint8Array | null; optional: boolean };

export interface OmitRule {
  /** Null for a pattern not safe to run (safe-pattern.ts): the paths it would decide cannot be judged. */
  pattern: RegExp | null;
  weight: number;
  omit: boolean;
  nested: boolean;
}

export interface ResourceSeal {
  files: Map<string, Seal>;
  rules: OmitRule[];
  /** Rules refused as unsafe to run, each with why. */
  unsafeRules: string[];
}

/** Sealed files past this are refused: real apps seal a few thousand, and each costs a read and a hash. */
export const MAX_SEALED_FILES = 100_000;
const MAX_RULES = 256;
const MAX_RULE_LENGTH = 512;

export function readResourceSeal(bytes: Uint8Array): ResourceSeal | string {
  let plist: JsonValue;
  try {
    plist = parsePlist(bytes);
  } catch (error) {
    return `_CodeSignature/CodeResources is not a plist (${toErrorData(error).message})`;
  }
  if (!isDict(plist)) return '_CodeSignature/CodeResources is not a dictionary';
  const table = isDict(plist.files2) ? plist.files2 : isDict(plist.files) ? plist.files : null;
  if (!table) return '_CodeSignature/CodeResources seals no files (no files2 or files dictionary)';
  const entries = Object.entries(table);
  if (entries.length > MAX_SEALED_FILES) return `_CodeSignature/CodeResources seals ${entries.length} files (limit ${MAX_SEALED_FILES})`;
  const files = new Map<string, Seal>();
  for (const [path, value] of entries) {
    const seal = readSeal(value);
    if (seal) files.set(path, seal);
  }
  const unsafeRules: string[] = [];
  const rules = readRules(isDict(plist.rules2) ? plist.rules2 : isDict(plist.rules) ? plist.rules : {}, unsafeRules);
  return { files, rules, unsafeRules };
}

function readSeal(value: JsonValue): Seal | null {
  if (typeof value === 'string') {
    const hash = fromBase64(value);
    return hash ? { kind: 'file', hash, algorithm: 'SHA-1', optional: false } : null;
  }
  if (!isDict(value)) return null;
  const optional = value.optional === true;
  if (typeof value.symlink === 'string') return { kind: 'symlink', target: value.symlink, optional };
  if (typeof value.cdhash === 'string') return { kind: 'nested', cdhash: fromBase64(value.cdhash), optional };
  const hash2 = typeof value.hash2 === 'string' ? fromBase64(value.hash2) : null;
  if (hash2) return { kind: 'file', hash: hash2, algorithm: 'SHA-256', optional };
  const hash = typeof value.hash === 'string' ? fromBase64(value.hash) : null;
  return hash ? { kind: 'file', hash, algorithm: 'SHA-1', optional } : null;
}

function readRules(rules: Record<string, JsonValue>, unsafe: string[]): OmitRule[] {
  const out: OmitRule[] = [];
  for (const [source, value] of Object.entries(rules).slice(0, MAX_RULES)) {
    if (source.length > MAX_RULE_LENGTH) continue;
    let pattern: RegExp | null = null;
    const why = unsafePattern(source);
    if (why) unsafe.push(`The resource rule ${JSON.stringify(source)} is not run: ${why}`);
    else {
      try {
        pattern = new RegExp(source);
      } catch {
        continue;
      }
    }
    const options = isDict(value) ? value : {};
    out.push({
      pattern,
      weight: typeof options.weight === 'number' ? options.weight : 1,
      // A rule whose value is false omits, as one with omit true does (ResourceBuilder::addRule).
      omit: value === false || options.omit === true,
      nested: options.nested === true,
    });
  }
  return out.sort((a, b) => b.weight - a.weight);
}

/**
 * The heaviest rule matching a path decides it, as codesign's ResourceBuilder does. A refused rule in the way counts
 * as omitting: the path cannot be judged, and the refusal is already named as the seal's problem. A path no rule
 * matches was never looked at when the bundle was sealed, nor is it when iOS checks it (ResourceBuilder::scan skips
 * it), so it is outside the seal too; but a seal with no rules at all omits nothing: nothing says what it left out, so
 * every unsealed file is named rather than excused.
 */
export function isOmitted(seal: ResourceSeal, path: string): boolean {
  if (seal.rules.length === 0) return false;
  const rule = seal.rules.find((candidate) => !candidate.pattern || candidate.pattern.test(path));
  return !rule || !rule.pattern || rule.omit;
}

function isDict(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
