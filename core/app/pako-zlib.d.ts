// Types for the two modules of pako's zlib port (exported by pako 2.1 as pako/lib/zlib/*) that zlib-inflate.ts uses:
// the stream state and the raw inflater, as zlib's inflate.c names them.
declare module 'pako/lib/zlib/zstream.js' {
  export default class ZStream {
    input: Uint8Array | null;
    next_in: number;
    avail_in: number;
    output: Uint8Array | null;
    next_out: number;
    avail_out: number;
    msg: string;
  }
}

declare module 'pako/lib/zlib/inflate.js' {
  import type ZStream from 'pako/lib/zlib/zstream.js';
  export function inflateInit2(strm: ZStream, windowBits: number): number;
  export function inflate(strm: ZStream, flush: number): number;
  export function inflateEnd(strm: ZStream): number;
}
