// Mutation operators over a seed input. Each reports WHAT it changed (in place, truncated, spliced, replaced), so the
// runner can tell whether the bytes the signature protects were touched (see tlv.ts) — the property "no input whose
// signed content changed is reported valid" needs exactly that, and nothing looser.
import { SHAPES, applyShape } from '../fixtures/cms-shapes';
import type { Prng } from './prng';
import type { Range, SignedLayout } from './tlv';

export type Edit =
  | { kind: 'in-place' }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; removed: number; inserted: number }
  | { kind: 'replace-all' }
  /** A structural CMS shape (tests/fixtures/cms-shapes.ts) whose verdict the standard settles. */
  | { kind: 'shape'; verdict: 'accept' | 'refuse' };

export interface Mutant {
  operator: string;
  bytes: Uint8Array;
  edit: Edit;
}

export interface MutationSource {
  bytes: Uint8Array;
  layout: SignedLayout | null;
}

type Operator = (rng: Prng, source: MutationSource, donor: Uint8Array) => Mutant;

function flipBits(rng: Prng, bytes: Uint8Array, positions: () => number, operator: string): Mutant {
  const copy = bytes.slice();
  const flips = 1 + rng.int(8);
  for (let index = 0; index < flips && copy.length > 0; index += 1) {
    const position = positions();
    copy[position] = (copy[position] ?? 0) ^ (1 << rng.int(8));
  }
  return { operator, bytes: copy, edit: { kind: 'in-place' } };
}

function inside(rng: Prng, ranges: readonly Range[]): number | null {
  const target = ranges.length > 0 ? rng.pick(ranges) : null;
  return target && target.end > target.start ? target.start + rng.int(target.end - target.start) : null;
}

/** UTF8, Numeric, Printable, Teletex, IA5, Visible, Universal, BMP (universal class, primitive). */
const STRING_TAGS: readonly number[] = [0x0c, 0x12, 0x13, 0x14, 0x16, 0x1a, 0x1c, 0x1e];

const OPERATORS: Readonly<Record<string, Operator>> = {
  'bit-flip': (rng, { bytes }) => flipBits(rng, bytes, () => rng.int(bytes.length), 'bit-flip'),
  // Aimed at the protected bytes so the "never valid when changed" property is exercised often, not by luck.
  'bit-flip-signed': (rng, { bytes, layout }) =>
    flipBits(rng, bytes, () => inside(rng, layout?.protectedRanges ?? []) ?? rng.int(bytes.length), 'bit-flip-signed'),
  'byte-overwrite': (rng, { bytes }) => {
    const copy = bytes.slice();
    const start = rng.int(copy.length);
    copy.set(rng.bytes(Math.min(1 + rng.int(16), copy.length - start)), start);
    return { operator: 'byte-overwrite', bytes: copy, edit: { kind: 'in-place' } };
  },
  truncate: (rng, { bytes }) => {
    const at = rng.int(bytes.length);
    return { operator: 'truncate', bytes: bytes.slice(0, at), edit: { kind: 'truncate', at } };
  },
  'der-length': (rng, { bytes, layout }) => {
    const copy = bytes.slice();
    const header = layout && layout.headers.length > 0 ? rng.pick(layout.headers) : rng.int(copy.length);
    const lengthAt = header + 1;
    const first = copy[lengthAt] ?? 0;
    if (first > 0x80 && rng.next() < 0.5) {
      const byte = lengthAt + 1 + rng.int(first & 0x7f);
      copy[byte] = rng.int(256);
    } else {
      copy[lengthAt] = rng.pick([0x00, 0x7f, 0x80, 0x81, 0x84, 0x88, 0xff, (first + 1) & 0xff, (first - 1) & 0xff]);
    }
    return { operator: 'der-length', bytes: copy, edit: { kind: 'in-place' } };
  },
  // Certificate names and other strings given another string type (all eight X.680 types, some with content that is
  // not whole UTF-16/UTF-32 units) or a tag that is not a string at all (GraphicString, VideotexString, NULL).
  'string-retag': (rng, { bytes, layout }) => {
    const copy = bytes.slice();
    const strings = (layout?.headers ?? []).filter((header) => STRING_TAGS.includes(copy[header] ?? 0));
    const header = strings.length > 0 ? rng.pick(strings) : rng.int(copy.length);
    copy[header] = rng.pick([...STRING_TAGS, 0x15, 0x19, 0x1b, 0x05]);
    return { operator: 'string-retag', bytes: copy, edit: { kind: 'in-place' } };
  },
  'random-bytes': (rng) => {
    // Half of them start like a DER SEQUENCE so they reach the CMS parser rather than the plist sniffing.
    const body = rng.bytes(rng.int(4096));
    if (rng.next() < 0.5 && body.length > 4) body.set([0x30, 0x82, rng.int(256), rng.int(256)]);
    return { operator: 'random-bytes', bytes: body, edit: { kind: 'replace-all' } };
  },
  // Issue 14's shapes: a second signer, algorithms, digestAlgorithms, a broken bag certificate, versions, content
  // types, an SKI signer id, a decoy intermediate first, duplicates. Not every seed has what a shape edits: then a flip.
  'cms-shape': (rng, source, donor) => {
    const shape = rng.pick(SHAPES);
    try {
      const bytes = applyShape(source.bytes, shape);
      return { operator: `cms-shape/${shape.name}`, bytes, edit: { kind: 'shape', verdict: shape.provlens } };
    } catch {
      return OPERATORS['bit-flip']!(rng, source, donor);
    }
  },
  splice: (rng, { bytes }, donor) => {
    const at = rng.int(bytes.length + 1);
    const removed = rng.int(Math.min(64, bytes.length - at) + 1);
    const from = rng.int(donor.length + 1);
    const chunk = donor.slice(from, from + rng.int(256));
    const spliced = new Uint8Array(bytes.length - removed + chunk.length);
    spliced.set(bytes.subarray(0, at));
    spliced.set(chunk, at);
    spliced.set(bytes.subarray(at + removed), at + chunk.length);
    return { operator: 'splice', bytes: spliced, edit: { kind: 'splice', at, removed, inserted: chunk.length } };
  },
};

export const OPERATOR_NAMES = Object.keys(OPERATORS);

export function mutate(rng: Prng, source: MutationSource, donor: Uint8Array): Mutant {
  const operator = OPERATORS[rng.pick(OPERATOR_NAMES)];
  if (!operator) throw new Error('unknown operator');
  return operator(rng, source, donor);
}

/** Whether the mutant changed any byte the signature protects (conservatively: when in doubt, yes). */
export function touchesProtected(original: Uint8Array, mutant: Mutant, ranges: readonly Range[]): boolean {
  const edit = mutant.edit;
  if (edit.kind === 'replace-all') return true;
  if (edit.kind === 'shape') return edit.verdict === 'refuse';
  return ranges.some((range) => {
    if (edit.kind === 'truncate') return edit.at < range.end;
    if (edit.kind === 'splice' && edit.removed !== edit.inserted) {
      const overlaps = edit.removed > 0 && edit.at < range.end && edit.at + edit.removed > range.start;
      return overlaps || (range.start < edit.at && edit.at < range.end);
    }
    for (let index = range.start; index < range.end; index += 1) {
      if (original[index] !== mutant.bytes[index]) return true;
    }
    return false;
  });
}
