// What every export lists: one entry per provisioning profile, loose files and the profiles embedded in an app's
// bundles alike (an admin tracking expiry cares about both), each judged against the same clock and warning window.
import { resultVerdict, type ProfileVerdict } from '../profile/profile-verdict';
import type { Finding, InspectResult, Profile, SignatureReport } from '../types';

export interface ExportOptions {
  /** The clock days left and findings are computed at; defaults to the current time. */
  now?: Date;
  /** Days before expiry that count as "soon" (default 30). */
  warnDays?: number;
}

export interface ProfileEntry {
  /** The file, and for an embedded profile the bundle it came from: "App.ipa › Payload/App.app/". */
  source: string;
  profile: Profile | null;
  signature: SignatureReport | null;
  /** The live verdict with the export's clock and window; null when nothing was decoded. */
  verdict: ProfileVerdict | null;
  /** The verdict's findings (recomputed, never the stored ones), so days left and findings always agree. */
  findings: Finding[];
  /** Why the file could not be read; null when it was. */
  error: string | null;
}

function entry(source: string, profile: Profile | null, signature: SignatureReport | null, error: string | null, options: ExportOptions): ProfileEntry {
  const verdict = resultVerdict({ profile, signature }, options);
  return { source, profile, signature, verdict, findings: verdict?.findings ?? [], error };
}

export function profileEntries(results: readonly InspectResult[], options: ExportOptions = {}): ProfileEntry[] {
  return results.flatMap((result): ProfileEntry[] => {
    const error = result.error ? `${result.error.code}: ${result.error.message}` : null;
    if (result.kind === 'profile') return [entry(result.file, result.profile, result.signature, error, options)];
    if (!result.app) return [entry(result.file, null, null, error, options)];
    return result.app.bundles.flatMap((bundle) => {
      const embedded = bundle.profile;
      if (!embedded) return [];
      const embeddedError = embedded.error ? `${embedded.error.code}: ${embedded.error.message}` : null;
      return [entry(`${result.file} › ${bundle.path}`, embedded.profile, embedded.signature, embeddedError, options)];
    });
  });
}

export type EntryStatus = 'unreadable' | 'error' | 'warning' | 'ok';

/** The worst finding's severity (info alone is still "ok"), or "unreadable" when nothing could be decoded. */
export function entryStatus(item: ProfileEntry): EntryStatus {
  if (!item.profile) return 'unreadable';
  if (item.findings.some((finding) => finding.severity === 'error')) return 'error';
  if (item.findings.some((finding) => finding.severity === 'warning')) return 'warning';
  return 'ok';
}
