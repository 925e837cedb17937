// The messages between the import and its decode workers: a numbered group of files already read (their bytes
// transferred, not copied) out, its results back.
import type { DecodedFile, ReadFile } from './decode-group';

export interface DecodeRequest {
  job: number;
  files: ReadFile[];
}

export type DecodeReply = { job: number; decoded: DecodedFile[] } | { job: number; error: { code: string; message: string } };
