// The messages between the import and its decode workers: a numbered group of files already read (their bytes
// transferred, not copied) out, its results back. With `library`, the worker also stores the group's profiles in
// the library of that database name (store-decoded.ts) and answers with their ids and statuses. At the end of an
// import, one worker relinks the renewal chains of the App IDs the import touched, in that library. A worker started
// ahead of an import may be asked to open the library before any group arrives.
import type { ReadFile } from './decode-group';
import type { ImportedFile } from './store-decoded';

export interface DecodeRequest {
  job: number;
  files: ReadFile[];
  library?: string;
}

export interface RelinkRequest {
  job: number;
  relink: string[];
  library: string;
}

/** Sent to a worker started before an import (decode-pool.ts prepareDecoder): open the library now. No answer. */
export interface OpenLibraryRequest {
  openLibrary: string;
}

export type WorkerRequest = DecodeRequest | RelinkRequest | OpenLibraryRequest;

export type DecodeReply =
  | { job: number; decoded: ImportedFile[] }
  | { job: number; relinked: true }
  | { job: number; error: { code: string; message: string } };
