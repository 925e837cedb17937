// Profiles as a spreadsheet: RFC 4180 CSV (CRLF records, fields quoted when they hold a quote, comma or line break,
// quotes doubled), one row per profile. Profile names and entitlements are written by whoever made the file, so text
// cells that a spreadsheet would run as a formula (OWASP "CSV Injection": leading = + - @ tab CR) get a leading
// apostrophe; numbers ProvLens computes itself (days left) are written as numbers. Status, days left and the date apps
// stop launching are the live verdict's (core/profile/profile-verdict.ts), the same words and count every view shows.
import { profileEntries } from './entries';
import type { ExportOptions, ProfileEntry } from './entries';
import type { InspectResult } from '../types';

export type CsvOptions = ExportOptions;

export const CSV_COLUMNS = [
  'file',
  'name',
  'uuid',
  'type',
  'team id',
  'team name',
  'app id',
  'created',
  'expires',
  'stops launching',
  'days left',
  'status',
  'usable by intune',
  'findings',
] as const;

type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function textCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cell(value: Cell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : textCell(value);
}

function row(item: ProfileEntry): Cell[] {
  const { profile, verdict } = item;
  const findingsText = item.error ?? item.findings.map((finding) => finding.code).join('; ');
  return [
    item.source,
    profile?.name ?? null,
    profile?.uuid ?? null,
    profile?.type ?? null,
    profile?.teamId ?? null,
    profile?.teamName ?? null,
    profile?.applicationIdentifier ?? null,
    profile?.createdAt ?? null,
    profile?.expiresAt ?? null,
    verdict?.stopsLaunchingOn ?? null,
    verdict?.daysLeft ?? null,
    verdict?.status ?? 'unreadable',
    verdict ? (verdict.usableByIntune ? 'yes' : 'no') : null,
    findingsText,
  ];
}

/** A header and one CRLF-terminated record per profile (embedded ones included); findings as codes. */
export function toCsv(results: readonly InspectResult[], options: CsvOptions = {}): string {
  const now = options.now ?? new Date();
  const records = profileEntries(results, { ...options, now }).map(row);
  return [[...CSV_COLUMNS], ...records].map((record) => `${record.map(cell).join(',')}\r\n`).join('');
}
