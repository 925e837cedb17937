// The browser path's raw-DEFLATE inflater (RFC 1951): pako's port of zlib's inflate, driven by hand so that every
// piece of output is written into one buffer, reused. DecompressionStream and fflate hand out a fresh buffer per
// piece; a page cannot ask for a collection, and V8 collected those spent pieces only once ~64 MB of them had piled
// up, so checking an app with a 150 MB resource held 84 MB beyond the .ipa in Chromium (npm run bench:web, part 3).
// Here a member of any size holds OUT_BYTES of output and zlib's 32 KiB window.
import ZStream from 'pako/lib/zlib/zstream.js';
import { inflate, inflateEnd, inflateInit2 } from 'pako/lib/zlib/inflate.js';

/** Output handed out at a time: each piece is valid until the next one is asked for. */
export const OUT_BYTES = 64 * 1024;

const Z_NO_FLUSH = 0;
const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_BUF_ERROR = -5;
/** Raw DEFLATE (no zlib header or trailer), 32 KiB window. */
const RAW_WINDOW_BITS = -15;

/**
 * Inflates raw DEFLATE `data`, yielding its output in order in pieces of at most OUT_BYTES, each a view of the same
 * buffer: a consumer must be done with a piece before it asks for the next. Stops at the end of the DEFLATE stream
 * (bytes after it are ignored, as zlib and fflate do); throws when the data is damaged or ends before the stream does.
 */
export async function* inflatePieces(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield* inflatePiecesSync(data);
}

/** The same, synchronously: a generator a caller can drive without a promise per piece. */
export function* inflatePiecesSync(data: Uint8Array): Generator<Uint8Array> {
  const strm = new ZStream();
  if (inflateInit2(strm, RAW_WINDOW_BITS) !== Z_OK) throw new Error('The inflater could not start');
  const out = new Uint8Array(OUT_BYTES);
  strm.input = data;
  strm.next_in = 0;
  strm.avail_in = data.length;
  try {
    for (;;) {
      strm.output = out;
      strm.next_out = 0;
      strm.avail_out = out.length;
      const status = inflate(strm, Z_NO_FLUSH);
      // No progress possible: every byte of input read, and the stream not ended.
      if (status === Z_BUF_ERROR) throw new Error('The DEFLATE data ends before its last block');
      if (status !== Z_OK && status !== Z_STREAM_END) throw new Error(`The DEFLATE data is damaged${strm.msg ? ` (${strm.msg})` : ''}`);
      const produced = strm.next_out;
      if (produced > 0) yield out.subarray(0, produced);
      if (status === Z_STREAM_END) return;
      // All input read, room left for output, yet no end: the data stops before the stream does.
      if (strm.avail_in === 0 && produced < out.length) throw new Error('The DEFLATE data ends before its last block');
    }
  } finally {
    inflateEnd(strm);
  }
}
