// Paths → inspect results, and the exit code a scheduled job alerts on. Files are read one after another, but a few
// are in flight at once (bounded by count and by bytes, so memory stays near the largest file, not the folder): while
// WebCrypto verifies one profile on its worker threads, the next is read and parsed. Results come out in input order.
import { inspect, inspectProfile, type InspectOptions } from '../core/inspect';
import type { InspectResult, ProfileResult } from '../core/types';
import { expandPaths, readInput, type InputFile } from './files';
import { EXIT } from './usage';

export interface Batch {
  results: InspectResult[];
  /** The bytes of each profile read (not of apps), for exports that embed the file (Graph). */
  bytes: Map<string, Uint8Array>;
}

export interface BatchSink {
  /** Called with each result in input order as soon as it and those before it are done (streaming output). */
  onResult?(result: InspectResult): void;
  /** Keep each profile's bytes in `Batch.bytes` (default true; inspect does not need them). */
  keepBytes?: boolean;
}

const IN_FLIGHT_FILES = 8;
const IN_FLIGHT_BYTES = 64 * 1024 * 1024;

const isIpa = (file: string) => /\.ipa$/i.test(file);

/** An empty list of paths found (an empty folder) is an empty batch, not an error: the caller says so. */
export async function inspectPaths(paths: readonly string[], options: InspectOptions, sink: BatchSink = {}): Promise<Batch> {
  const files = await expandPaths(paths);
  const batch: Batch = { results: [], bytes: new Map() };
  const inFlight: { result: Promise<InspectResult>; size: number }[] = [];
  let inFlightBytes = 0;
  const settleOldest = async () => {
    const oldest = inFlight.shift();
    if (!oldest) return;
    inFlightBytes -= oldest.size;
    const result = await oldest.result;
    batch.results.push(result);
    sink.onResult?.(result);
  };
  for (const file of files) {
    while (inFlight.length >= IN_FLIGHT_FILES || (inFlight.length > 0 && inFlightBytes >= IN_FLIGHT_BYTES)) await settleOldest();
    const input = await readInput(file);
    const size = input.bytes?.length ?? 0;
    inFlight.push({ result: inspectInput(input, options), size });
    inFlightBytes += size;
    if (input.bytes && !isIpa(input.path) && sink.keepBytes !== false) batch.bytes.set(input.path, input.bytes);
  }
  while (inFlight.length > 0) await settleOldest();
  return batch;
}

function inspectInput(input: InputFile, options: InspectOptions): Promise<InspectResult> {
  if (!input.bytes) return Promise.resolve(unreadable(input));
  return inspect(input.path, input.bytes, options);
}

/** One file read as a profile whatever its name (diff, check candidates). */
export async function inspectProfilePath(file: string, options: InspectOptions): Promise<ProfileResult> {
  const input = await readInput(file);
  if (!input.bytes) return unreadable(input) as ProfileResult;
  return inspectProfile(input.path, input.bytes, options);
}

// A file the CLI could not even read is reported like any other failed decode, so one missing path does not hide the
// rest of a batch. `unreadable` is a CLI-level code, not one of the core's; `too-large` is the core's own.
function unreadable(input: InputFile): InspectResult {
  const file = input.path;
  const error = { code: input.errorCode ?? 'unreadable', message: input.readError ?? 'unreadable' };
  if (isIpa(file)) return { kind: 'app', file, ok: false, error, app: null, findings: [] };
  return { kind: 'profile', file, ok: false, error, profile: null, signature: null, findings: [] };
}

/** 2 when any file failed or carries an error finding (an app's undecodable embedded profile counts), 1 on warnings. */
export function exitCodeFor(results: readonly InspectResult[]): number {
  const severities = results.flatMap((result) => [
    ...(result.ok ? [] : ['error']),
    ...result.findings.map((finding) => finding.severity),
    ...(result.kind === 'app' ? (result.app?.bundles ?? []).filter((b) => b.profile && !b.profile.ok).map(() => 'error') : []),
  ]);
  if (severities.includes('error')) return EXIT.error;
  return severities.includes('warning') ? EXIT.warning : EXIT.ok;
}
