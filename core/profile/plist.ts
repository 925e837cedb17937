// Property lists (Apple's "Property List Programming Guide", DTD PropertyList-1.0) as JSON-safe data:
// <date> → ISO-8601 with milliseconds, <data> → base64. XML is read by a small scanner rather than plist 5 because
// plist 5 needs DOMParser in browsers (absent in the extension's service worker and in the core's WebWorker lib) and
// its recursion has no depth bound; the plist grammar is tiny, and hostile input must fail fast: DOCTYPE internal
// subsets and ENTITY declarations are refused before parsing, nesting is bounded, and keys are defined as own
// properties so "__proto__" cannot reach a prototype. Binary plists ("bplist00") go to binary-plist.ts.
import { ProvlensError } from '../errors';
import type { JsonObject, JsonValue } from '../types';
import { parseBinaryPlist } from './binary-plist';
import { MAX_PLIST_DEPTH, setOwn } from './plist-value';

const utf8 = new TextDecoder('utf-8');
const BPLIST = [0x62, 0x70, 0x6c, 0x69, 0x73, 0x74]; // "bplist"

function malformed(message: string): never {
  throw new ProvlensError('malformed-plist', message);
}

export function isBinaryPlist(bytes: Uint8Array): boolean {
  return BPLIST.every((b, i) => bytes[i] === b);
}

// Junk before a plist is a byte or two in real files; looking further would only scan hostile megabytes.
const START_WINDOW = 4096;

/** Where the XML plist begins in `text` (junk may precede it), or -1. */
export function xmlPlistStart(text: string): number {
  const head = text.length > START_WINDOW ? text.slice(0, START_WINDOW) : text;
  const candidates = ['<?xml', '<!DOCTYPE plist', '<plist'].map((marker) => head.indexOf(marker)).filter((i) => i >= 0);
  return candidates.length ? Math.min(...candidates) : -1;
}

/** Parses an XML or binary plist. Throws ProvlensError('malformed-plist') on anything that does not parse. */
export function parsePlist(bytes: Uint8Array): JsonValue {
  if (isBinaryPlist(bytes)) return parseBinaryPlist(bytes);
  const text = utf8.decode(bytes);
  const start = xmlPlistStart(text);
  if (start < 0) malformed('no XML plist found');
  return new XmlPlistReader(text, start).document();
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? whole;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

interface OpenTag {
  readonly name: string;
  readonly selfClosing: boolean;
}

const PLIST_ELEMENTS = ['key', 'string', 'dict', 'array', 'data', 'integer', 'true', 'false', 'date', 'real', 'plist'];
/** Each element's opening markup without attributes or spaces, open and self-closing, with its (shared) tag. */
const PLAIN_OPEN_TAGS: readonly (readonly [string, OpenTag])[] = PLIST_ELEMENTS.flatMap((name) => [
  [`<${name}>`, Object.freeze({ name, selfClosing: false })] as const,
  [`<${name}/>`, Object.freeze({ name, selfClosing: true })] as const,
]);
const PLAIN_CLOSE_TAGS = new Map(PLIST_ELEMENTS.map((name) => [name, `</${name}>`]));

class XmlPlistReader {
  constructor(
    private readonly s: string,
    private pos: number,
  ) {}

  document(): JsonValue {
    this.skipProlog();
    const first = this.openTag();
    if (first.name !== 'plist') return this.value(first, 0);
    if (first.selfClosing) malformed('empty <plist/>');
    this.skipMisc();
    const value = this.value(this.openTag(), 0);
    this.closeTag('plist');
    return value;
  }

  private skipProlog(): void {
    const { s } = this;
    for (;;) {
      this.skipMisc();
      if (s.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (s.startsWith('<!DOCTYPE', this.pos)) {
        // Entity declarations (XML bombs, external fetches) can only live in a DOCTYPE's internal subset, and
        // plists never need one: refusing the subset refuses them all. Anywhere else "<!ENTITY" is not an element.
        const end = s.indexOf('>', this.pos);
        if (end < 0) malformed('unterminated DOCTYPE');
        const doctype = s.slice(this.pos, end);
        if (doctype.includes('<!ENTITY')) malformed('XML entity declarations are not allowed in a plist');
        if (doctype.includes('[')) malformed('DOCTYPE internal subsets are not allowed in a plist');
        this.pos = end + 1;
      } else if (s.startsWith('<!ENTITY', this.pos)) malformed('XML entity declarations are not allowed in a plist');
      else return;
    }
  }

  /** Skips whitespace and comments (and stray text, which plist readers ignore between elements). */
  private skipMisc(): void {
    const { s } = this;
    for (;;) {
      const lt = s.indexOf('<', this.pos);
      if (lt < 0) malformed('unexpected end of plist');
      this.pos = lt;
      if (s.startsWith('<!--', lt)) this.skipPast('-->');
      else return;
    }
  }

  private skipPast(marker: string): void {
    const end = this.s.indexOf(marker, this.pos);
    if (end < 0) malformed(`missing "${marker}"`);
    this.pos = end + marker.length;
  }

  private openTag(): OpenTag {
    const { s } = this;
    if (s[this.pos] !== '<') malformed(`expected an element at offset ${this.pos}`);
    // The plain tags that make up nearly every plist ("<key>", "<string>", "<true/>"…) without a regex match or a
    // slice each: a seal of 300 files has some 2,000 of them, and their garbage was a tenth of a check's.
    for (let i = 0; i < PLAIN_OPEN_TAGS.length; i++) {
      const [markup, tag] = PLAIN_OPEN_TAGS[i]!;
      if (s.startsWith(markup, this.pos)) {
        this.pos += markup.length;
        return tag;
      }
    }
    const match = /^<([A-Za-z][A-Za-z0-9_:-]*)[^>]*?(\/?)>/.exec(s.slice(this.pos, this.pos + 256));
    if (!match) malformed(`bad element at offset ${this.pos}`);
    this.pos += match[0].length;
    return { name: match[1]!, selfClosing: match[2] === '/' };
  }

  private closeTag(name: string): void {
    this.skipMisc();
    const plain = PLAIN_CLOSE_TAGS.get(name);
    if (plain !== undefined && this.s.startsWith(plain, this.pos)) {
      this.pos += plain.length;
      return;
    }
    const match = /^<\/([A-Za-z][A-Za-z0-9_:-]*)\s*>/.exec(this.s.slice(this.pos, this.pos + 64));
    if (!match || match[1] !== name) malformed(`expected </${name}> at offset ${this.pos}`);
    this.pos += match[0].length;
  }

  private atClose(): boolean {
    this.skipMisc();
    return this.s.startsWith('</', this.pos);
  }

  /** Character data up to the closing tag, with entities and CDATA sections resolved. */
  private text(tag: OpenTag): string {
    if (tag.selfClosing) return '';
    const { s } = this;
    let out = '';
    for (;;) {
      const lt = s.indexOf('<', this.pos);
      if (lt < 0) malformed(`unterminated <${tag.name}>`);
      out += decodeEntities(s.slice(this.pos, lt));
      this.pos = lt;
      if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt);
        if (end < 0) malformed('unterminated CDATA');
        out += s.slice(lt + 9, end);
        this.pos = end + 3;
      } else if (s.startsWith('<!--', lt)) this.skipPast('-->');
      else break;
    }
    this.closeTag(tag.name);
    return out;
  }

  private value(tag: OpenTag, depth: number): JsonValue {
    if (depth > MAX_PLIST_DEPTH) malformed(`plist nesting deeper than ${MAX_PLIST_DEPTH}`);
    switch (tag.name) {
      case 'dict':
        return this.dict(tag, depth);
      case 'array':
        return this.array(tag, depth);
      case 'string':
        return this.text(tag);
      case 'integer':
      case 'real':
        return this.number(tag);
      case 'true':
      case 'false':
        if (!tag.selfClosing) this.closeTag(tag.name);
        return tag.name === 'true';
      case 'date':
        return this.date(tag);
      case 'data':
        return this.text(tag).replace(/\s+/g, '');
      default:
        return malformed(`unknown plist element <${tag.name}>`);
    }
  }

  private dict(tag: OpenTag, depth: number): JsonObject {
    const out: JsonObject = {};
    if (tag.selfClosing) return out;
    while (!this.atClose()) {
      const keyTag = this.openTag();
      if (keyTag.name !== 'key') malformed(`expected <key> in <dict>, got <${keyTag.name}>`);
      const key = this.text(keyTag);
      if (this.atClose()) malformed(`<key>${key.slice(0, 40)}</key> has no value`);
      setOwn(out, key, this.value(this.openTag(), depth + 1));
    }
    this.closeTag('dict');
    return out;
  }

  private array(tag: OpenTag, depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    if (tag.selfClosing) return out;
    while (!this.atClose()) out.push(this.value(this.openTag(), depth + 1));
    this.closeTag('array');
    return out;
  }

  private number(tag: OpenTag): number {
    const text = this.text(tag).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) malformed(`bad <${tag.name}> "${text.slice(0, 40)}"`);
    return value;
  }

  private date(tag: OpenTag): string {
    const text = this.text(tag).trim();
    const ms = Date.parse(text);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(text) || Number.isNaN(ms)) malformed(`bad <date> "${text.slice(0, 40)}"`);
    return new Date(ms).toISOString();
  }
}
