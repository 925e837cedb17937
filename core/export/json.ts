// The lossless export: every result as the core decodes it (the shared contract in core/types.ts), inside a small
// versioned envelope so a later ProvLens (or a script) can tell what it is reading. JSON per RFC 8259.
// Conclusions are never copied from storage: findings are recomputed with the export's clock and warning window, and
// each profile carries the live verdict (core/profile/profile-verdict.ts), so a profile imported weeks ago exports today's truth.
import { resultVerdict, type ProfileVerdict } from '../profile/profile-verdict';
import type { AppResult, InspectResult, ProfileResult } from '../types';
import type { ExportOptions } from './entries';

export const JSON_EXPORT_FORMAT = 'provlens-export';
export const JSON_EXPORT_VERSION = 1;

/** A profile result with its verdict as of `exportedAt`; the verdict's findings replace the stored ones. */
export type JudgedProfileResult = ProfileResult & { verdict: Omit<ProfileVerdict, 'findings'> | null };

export interface JsonExport {
  format: typeof JSON_EXPORT_FORMAT;
  version: typeof JSON_EXPORT_VERSION;
  exportedAt: string;
  warnDays: number | null;
  results: (JudgedProfileResult | AppResult)[];
}

function judgeProfile(result: ProfileResult, options: ExportOptions): JudgedProfileResult {
  const verdict = resultVerdict(result, options);
  if (!verdict) return { ...result, verdict: null };
  const { findings, ...rest } = verdict;
  return { ...result, findings, verdict: rest };
}

function judge(result: InspectResult, options: ExportOptions): JudgedProfileResult | AppResult {
  if (result.kind === 'profile') return judgeProfile(result, options);
  if (!result.app) return result;
  const bundles = result.app.bundles.map((bundle) => (bundle.profile ? { ...bundle, profile: judgeProfile(bundle.profile, options) } : bundle));
  return { ...result, app: { ...result.app, bundles } };
}

/** Pretty-printed JSON of the results; `now` stamps `exportedAt` and is the clock every verdict is judged at. */
export function toJsonExport(results: readonly InspectResult[], options: ExportOptions = {}): string {
  const now = options.now ?? new Date();
  const document: JsonExport = {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    warnDays: options.warnDays ?? null,
    results: results.map((result) => judge(result, { ...options, now })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
