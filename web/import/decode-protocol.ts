// The messages between the import and its decode workers: a numbered group of files already read (their bytes
// transferred, not copied) out, its results back. With `library`, the worker also stores the group's profiles in
// the library of that database name (store-decoded.ts) and answers with their ids and statuses.
import type { ReadFile } from './decode-group';
import type { ImportedFile } from './store-decoded';

export interface DecodeRequest {
  job: number;
  files: ReadFile[];
  library?: string;
}

export type DecodeReply = { job: number; decoded: ImportedFile[] } | { job: number; error: { code: string; message: string } };
