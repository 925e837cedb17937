// Paths → inspect results, one file at a time (memory stays bounded by the largest file, not the folder), and the
// exit code a scheduled job alerts on.
import { inspect, inspectProfile, type InspectOptions } from '../core/inspect';
import type { InspectResult, ProfileResult } from '../core/types';
import { expandPaths, readInput } from './files';
import { UsageError } from './options';
import { EXIT } from './usage';

export interface Batch {
  results: InspectResult[];
  /** The bytes of each profile read (not of apps), for exports that embed the file (Graph). */
  bytes: Map<string, Uint8Array>;
}

const isIpa = (file: string) => /\.ipa$/i.test(file);

export async function inspectPaths(paths: readonly string[], options: InspectOptions): Promise<Batch> {
  const files = await expandPaths(paths);
  if (files.length === 0) throw new UsageError('no .mobileprovision, .provisionprofile or .ipa files found');
  const batch: Batch = { results: [], bytes: new Map() };
  for (const file of files) {
    const input = await readInput(file);
    if (!input.bytes) {
      batch.results.push(unreadable(file, input.readError ?? 'unreadable'));
      continue;
    }
    batch.results.push(await inspect(file, input.bytes, options));
    if (!isIpa(file)) batch.bytes.set(file, input.bytes);
  }
  return batch;
}

/** One file read as a profile whatever its name (diff, check candidates). */
export async function inspectProfilePath(file: string, options: InspectOptions): Promise<ProfileResult> {
  const input = await readInput(file);
  if (!input.bytes) return unreadable(file, input.readError ?? 'unreadable') as ProfileResult;
  return inspectProfile(file, input.bytes, options);
}

// A file the CLI could not even read is reported like any other failed decode, so one missing path does not hide the
// rest of a batch. `unreadable` is a CLI-level code, not one of the core's.
function unreadable(file: string, message: string): InspectResult {
  const error = { code: 'unreadable', message };
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
