// The messages between the import and its decode workers: a numbered group of Files out, its results back.
import type { DecodedFile } from './decode-group';

export interface DecodeRequest {
  job: number;
  files: File[];
}

export type DecodeReply = { job: number; decoded: DecodedFile[] } | { job: number; error: { code: string; message: string } };
