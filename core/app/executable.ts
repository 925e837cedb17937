// A Mach-O executable read once as it inflates (Apple <mach-o/loader.h>, <mach-o/fat.h>; code pages per xnu
// cs_blobs.h CS_CodeDirectory): each slice's header and LC_CODE_SIGNATURE region are kept, and its code pages are
// hashed as soon as each is complete, so a large executable never sits in memory whole.
// Why speculate: the CodeDirectory that says which hash and page size seal the pages sits at the END of each slice, after
// the pages. Pages are hashed with the likeliest plan (the caller's hash, 4 KiB pages, up to the signature); only 32
// bytes per page are kept, and a slice whose CodeDirectory asks for something else is streamed again with its plan.
import { sealDigest, sealDigestNow, type SealHash } from './hash';
import { machOLayout, sliceHeader, type MachOSlice, type SliceRange } from './macho';

export interface PagePlan {
  hash: SealHash;
  /** Bytes per page; the last page ends at codeLimit. */
  pageSize: number;
  /** Bytes of the slice the pages cover. */
  codeLimit: number;
}

export interface PageDigests extends PagePlan {
  digests: Uint8Array[];
}

export interface ScannedSlice extends MachOSlice {
  /** The pages hashed with the speculative plan; null when the slice is unsigned. */
  pages: PageDigests | null;
}

export interface ScannedExecutable {
  fat: boolean;
  slices: ScannedSlice[];
  problems: string[];
  /** Hashes one slice's pages with the plan its CodeDirectory names (a second pass over the member). */
  rehash(slice: number, plan: PagePlan): Promise<Uint8Array[]>;
}

/** Streams the member into `onData` (the archive's inflater). */
export type MemberStream = (onData: (chunk: Uint8Array) => void | Promise<void>) => Promise<unknown>;

export const DEFAULT_PAGE_SIZE = 4096;
// WebCrypto's per-call latency dominates page hashing: keep many digests in flight, but bounded (a synchronous host
// digest keeps none).
const DIGESTS_IN_FLIGHT = 256;

export async function scanExecutable(stream: MemberStream, size: number, hash: SealHash): Promise<ScannedExecutable> {
  const problems: string[] = [];
  const scan = new Scan(size, (range, index, fat) => new SliceReader(range, size, {
    plan: (signatureOffset) => ({ hash, pageSize: DEFAULT_PAGE_SIZE, codeLimit: signatureOffset }),
    problem: (text) => problems.push(fat ? `Slice ${index + 1}: ${text}` : text),
  }), problems);
  await stream((chunk) => scan.feed(chunk));
  const slices = (await scan.finish()).filter((slice): slice is ScannedSlice => slice !== null);
  return {
    fat: scan.fat,
    slices,
    problems,
    rehash: (slice, plan) => rehashSlice(stream, size, slices[slice]?.offset ?? -1, plan),
  };
}

async function rehashSlice(stream: MemberStream, size: number, offset: number, plan: PagePlan): Promise<Uint8Array[]> {
  const scan = new Scan(size, (range) => new SliceReader(range, size, {
    plan: () => (range.offset === offset ? plan : null),
    problem: () => undefined,
  }), []);
  await stream((chunk) => scan.feed(chunk));
  const slices = await scan.finish();
  return slices.find((slice) => slice?.offset === offset)?.pages?.digests ?? [];
}

/** The file: buffers its head until the slices are known, then hands every byte to the slices it belongs to. */
class Scan {
  fat = false;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private readers: SliceReader[] | null = null;
  private at = 0;
  private readonly pending: Promise<unknown>[] = [];

  constructor(
    private readonly size: number,
    private readonly reader: (range: SliceRange, index: number, fat: boolean) => SliceReader,
    private readonly problems: string[],
  ) {}

  async feed(chunk: Uint8Array): Promise<void> {
    if (!this.readers) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      const bytes = concat(this.head, this.headLength);
      const layout = machOLayout(bytes, this.size);
      if ('need' in layout && this.headLength < layout.need) {
        this.head = [owned(bytes, chunk)];
        return;
      }
      const found = 'need' in layout ? { fat: false, slices: [], problems: ['The executable is too short to be a Mach-O binary'] } : layout;
      this.fat = found.fat;
      this.problems.push(...found.problems);
      this.readers = found.slices.map((range, i) => this.reader(range, i, found.fat));
      this.head = [];
      chunk = bytes;
    }
    for (const reader of this.readers) reader.take(this.at, chunk, this.pending);
    this.at += chunk.length;
    while (this.pending.length > DIGESTS_IN_FLIGHT) await this.pending.shift();
  }

  /** Every slice read, in the order of the file's header. */
  async finish(): Promise<(ScannedSlice | null)[]> {
    if (!this.readers) {
      this.problems.push('The executable is too short to be a Mach-O binary');
      return [];
    }
    for (const reader of this.readers) reader.end();
    return Promise.all(this.readers.map((reader) => reader.result()));
  }
}

interface SliceCallbacks {
  /** What to hash, once the signature's place is known; null: nothing. */
  plan(signatureOffset: number): PagePlan | null;
  problem(text: string): void;
}

/** One slice: its head until the load commands are read, then its pages and its code signature. */
class SliceReader {
  private head: Uint8Array[] = [];
  private headLength = 0;
  private cpu = '';
  private signature: Uint8Array | null = null;
  private signatureAt = 0;
  private plan: PagePlan | null = null;
  private page: Uint8Array | null = null;
  private pageFill = 0;
  private pageStart = 0;
  private readonly digests: (Uint8Array | Promise<Uint8Array>)[] = [];
  private state: 'head' | 'body' | 'failed' = 'head';

  constructor(
    private readonly range: SliceRange,
    private readonly fileSize: number,
    private readonly callbacks: SliceCallbacks,
  ) {}

  /** Bytes `chunk` that start at `at` in the file. */
  take(at: number, chunk: Uint8Array, pending: Promise<unknown>[]): void {
    const from = Math.max(at, this.range.offset);
    const to = Math.min(at + chunk.length, this.range.offset + this.range.size);
    if (from >= to && this.range.size > 0) return;
    const part = chunk.subarray(from - at, Math.max(from, to) - at);
    if (this.state === 'head') this.readHead(part, pending);
    else if (this.state === 'body') this.readBody(from - this.range.offset, part, pending);
  }

  end(): void {
    if (this.state === 'head') this.readHead(new Uint8Array(0), [], true);
    if (this.state === 'body') this.flushPage([]);
  }

  private readHead(part: Uint8Array, pending: Promise<unknown>[], last = false): void {
    this.head.push(part);
    this.headLength += part.length;
    const bytes = concat(this.head, this.headLength);
    const header = sliceHeader(bytes, this.range.offset, this.range.size, this.fileSize);
    if ('need' in header && !last && this.headLength < header.need) {
      this.head = [owned(bytes, part)];
      return;
    }
    this.head = [];
    if ('need' in header || 'problem' in header) {
      this.state = 'failed';
      this.callbacks.problem('need' in header ? 'the slice runs past the end of the file' : header.problem);
      return;
    }
    this.cpu = header.cpu;
    this.state = 'body';
    if (header.signature) {
      this.signature = new Uint8Array(header.signature.size);
      this.signatureAt = header.signature.offset;
      this.plan = this.callbacks.plan(header.signature.offset);
    }
    this.readBody(0, bytes, pending);
  }

  private readBody(at: number, part: Uint8Array, pending: Promise<unknown>[]): void {
    if (this.signature) {
      const from = Math.max(at, this.signatureAt);
      const to = Math.min(at + part.length, this.signatureAt + this.signature.length);
      if (from < to) this.signature.set(part.subarray(from - at, to - at), from - this.signatureAt);
    }
    const plan = this.plan;
    if (!plan) return;
    const end = Math.min(at + part.length, plan.codeLimit);
    let from = Math.max(at, this.pageStart + this.pageFill);
    while (from < end) {
      const pageLength = Math.min(plan.pageSize || plan.codeLimit, plan.codeLimit - this.pageStart);
      if (this.pageFill === 0 && end - from >= pageLength) {
        // A whole page inside this chunk is hashed in place: WebCrypto copies its input when called.
        this.hash(part.subarray(from - at, from - at + pageLength), pending);
        from += pageLength;
        continue;
      }
      // A page split across chunks is gathered in one reused buffer (copied by digest() before the next fill).
      if (!this.page || this.page.length < pageLength) this.page = new Uint8Array(pageLength);
      const take = Math.min(end - from, pageLength - this.pageFill);
      this.page.set(part.subarray(from - at, from - at + take), this.pageFill);
      this.pageFill += take;
      from += take;
      if (this.pageFill === pageLength) this.flushPage(pending);
    }
  }

  private flushPage(pending: Promise<unknown>[]): void {
    if (!this.page || this.pageFill === 0) return;
    this.hash(this.page.subarray(0, this.pageFill), pending);
    this.pageFill = 0;
  }

  private hash(page: Uint8Array, pending: Promise<unknown>[]): void {
    if (!this.plan) return;
    // A host's synchronous digest hashes the page now, with no promise per page; WebCrypto's is kept in flight.
    const now = sealDigestNow(this.plan.hash, page);
    if (now) this.digests.push(now);
    else {
      const digest = sealDigest(this.plan.hash, page);
      this.digests.push(digest);
      pending.push(digest);
    }
    this.pageStart += page.length;
  }

  /** The slice once every byte has been fed and `end` called; null when its header could not be read. */
  async result(): Promise<ScannedSlice | null> {
    if (this.state !== 'body') return null;
    const digests = this.digests.every((digest) => digest instanceof Uint8Array) ? (this.digests as Uint8Array[]) : await Promise.all(this.digests);
    return {
      cpu: this.cpu,
      offset: this.range.offset,
      size: this.range.size,
      codeSignature: this.signature,
      pages: this.plan ? { ...this.plan, digests } : null,
    };
  }
}

/** What a head waiting for more bytes keeps: its own copy, never the streamed piece itself, which is only valid until
 *  the next one (core/app/platform.ts inflateRaw). `bytes` is already a copy when it joined several pieces. */
function owned(bytes: Uint8Array, piece: Uint8Array): Uint8Array {
  return bytes === piece ? piece.slice() : bytes;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
