// The library table's data: one flat row per stored profile, derived once per change so that typing in the search
// box or flipping a filter over 10,000 profiles is a plain array scan over precomputed strings.
import { daysLeft } from '../core/dates';
import { resultVerdict, STATUS_LABEL as VERDICT_LABEL, STATUS_ORDER, type ProfileStatus as VerdictStatus, type ProfileVerdict } from '../core/profile';
import type { ProfileSummary } from '../core/store';
import type { ProfileResult, ProfileType } from '../core/types';

/** The core's status words, plus 'unreadable' for a file nothing could be decoded from. */
export type ProfileStatus = VerdictStatus | 'unreadable';

export interface LibraryRow {
  id: string;
  name: string;
  fileName: string;
  type: ProfileType | null;
  appId: string;
  teamId: string;
  teamName: string;
  /** When apps using it stop launching (profile or certificate expiry, whichever is first): what the row counts to. */
  expiresAt: string | null;
  daysLeft: number | null;
  /** stopsLaunchingOn has passed (tells "0 days ago" from "0 days left"). */
  ended: boolean;
  status: ProfileStatus;
  usableByIntune: boolean;
  findingsCount: number;
  fromApp: boolean;
  /** The UUID's record id when this is an unverified copy kept beside it (core/store/store.ts copyId); else null.
   *  That record is the Apple-verified one once such a file was imported, or else the first copy that came. */
  copyOf: string | null;
  /** Lowercased haystack for the search box. */
  searchText: string;
}

export interface LibraryFilter {
  query: string;
  teamId: string;
  type: ProfileType | '';
  status: ProfileStatus | '';
}

export const EMPTY_FILTER: LibraryFilter = { query: '', teamId: '', type: '', status: '' };

/** The core's day count (whole days toward zero), so views and exports never disagree by one. */
export function daysUntil(expiresAt: string | null, now: Date): number | null {
  if (!expiresAt || Number.isNaN(Date.parse(expiresAt))) return null;
  return daysLeft(expiresAt, now);
}

/** The live verdict of a stored result (core/profile/profile-verdict.ts), computed now with the current warning window. */
export function verdictOf(result: ProfileResult, now: Date, warnDays: number): ProfileVerdict | null {
  return result.ok ? resultVerdict(result, { now, warnDays }) : null;
}

export function profileStatus(result: ProfileResult, now: Date, warnDays: number): ProfileStatus {
  return verdictOf(result, now, warnDays)?.status ?? 'unreadable';
}

export function toRow(summary: ProfileSummary, now: Date, warnDays: number): LibraryRow {
  const profile = summary.result.profile;
  const verdict = verdictOf(summary.result, now, warnDays);
  const name = profile?.name ?? summary.fileName;
  const appId = profile?.applicationIdentifier ?? summary.appIdentifier ?? '';
  const teamId = profile?.teamId ?? summary.teamId ?? '';
  const teamName = profile?.teamName ?? '';
  return {
    id: summary.id,
    name,
    fileName: summary.fileName,
    type: profile?.type ?? null,
    appId,
    teamId,
    teamName,
    expiresAt: verdict?.stopsLaunchingOn ?? summary.expiresAt,
    daysLeft: verdict?.daysLeft ?? null,
    ended: verdict?.stopsLaunchingOn ? Date.parse(verdict.stopsLaunchingOn) <= now.getTime() : false,
    status: verdict?.status ?? 'unreadable',
    usableByIntune: verdict?.usableByIntune ?? false,
    findingsCount: verdict?.findings.length ?? 0,
    fromApp: summary.source.kind === 'app',
    copyOf: summary.id.includes('~') ? (summary.id.split('~')[0] ?? null) : null,
    searchText: [name, summary.fileName, appId, teamId, teamName, profile?.uuid ?? ''].join('\n').toLowerCase(),
  };
}

/** Rows sorted by expiry, soonest first; profiles without a date go last. Each date is parsed once, not per
 *  comparison: with 10,000 rows the comparator runs ~130,000 times. */
export function toRows(summaries: readonly ProfileSummary[], now: Date, warnDays: number): LibraryRow[] {
  const keyed = summaries.map((summary) => {
    const row = toRow(summary, now, warnDays);
    const time = row.expiresAt ? Date.parse(row.expiresAt) : Number.NaN;
    return { row, key: Number.isNaN(time) ? Number.POSITIVE_INFINITY : time };
  });
  return keyed.sort((a, b) => a.key - b.key || 0).map(({ row }) => row);
}

export type SortKey = 'status' | 'name' | 'type' | 'appId' | 'team' | 'expiresAt' | 'findings';
export interface Sort {
  key: SortKey;
  descending: boolean;
}
export const DEFAULT_SORT: Sort = { key: 'expiresAt', descending: false };

export const SORT_LABEL: Record<SortKey, string> = {
  status: 'Status',
  name: 'Name',
  type: 'Type',
  appId: 'App ID',
  team: 'Team',
  expiresAt: 'Stops launching',
  findings: 'Findings',
};

const STATUS_RANK: Record<ProfileStatus, number> = Object.fromEntries(
  ['unreadable', ...STATUS_ORDER].map((status, rank) => [status, rank]),
) as Record<ProfileStatus, number>;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareBy(key: SortKey): (a: LibraryRow, b: LibraryRow) => number {
  switch (key) {
    case 'status':
      return (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status];
    case 'name':
      return (a, b) => collator.compare(a.name, b.name);
    case 'type':
      return (a, b) => collator.compare(a.type ? TYPE_LABEL[a.type] : '', b.type ? TYPE_LABEL[b.type] : '');
    case 'appId':
      return (a, b) => collator.compare(a.appId, b.appId);
    case 'team':
      return (a, b) => collator.compare(a.teamName || a.teamId, b.teamName || b.teamId);
    case 'expiresAt':
      return (a, b) => (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY) || collator.compare(a.expiresAt ?? '', b.expiresAt ?? '');
    case 'findings':
      return (a, b) => a.findingsCount - b.findingsCount;
  }
}

/** Rows in the chosen order; ties keep the soonest-first order toRows gave them (Array.prototype.sort is stable). */
export function sortRows(rows: readonly LibraryRow[], sort: Sort): LibraryRow[] {
  if (sort.key === 'expiresAt' && !sort.descending) return [...rows];
  const compare = compareBy(sort.key);
  return [...rows].sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
}

export function filterRows(rows: readonly LibraryRow[], filter: LibraryFilter): LibraryRow[] {
  const terms = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (row) =>
      (!filter.teamId || row.teamId === filter.teamId) &&
      (!filter.type || row.type === filter.type) &&
      (!filter.status || row.status === filter.status) &&
      terms.every((term) => row.searchText.includes(term)),
  );
}

/** Distinct teams for the filter menu, labelled with the team name when one is known. */
export function teamsOf(rows: readonly LibraryRow[]): { teamId: string; label: string }[] {
  const teams = new Map<string, string>();
  for (const row of rows) {
    if (!row.teamId) continue;
    if (!teams.has(row.teamId) || (row.teamName && teams.get(row.teamId) === row.teamId)) {
      teams.set(row.teamId, row.teamName ? `${row.teamName} (${row.teamId})` : row.teamId);
    }
  }
  return [...teams].map(([teamId, label]) => ({ teamId, label })).sort((a, b) => a.label.localeCompare(b.label));
}

export const STATUS_LABEL: Record<ProfileStatus, string> = { ...VERDICT_LABEL, unreadable: 'Unreadable' };

export const TYPE_LABEL: Record<ProfileType, string> = {
  development: 'Development',
  adhoc: 'Ad hoc',
  enterprise: 'In-house (enterprise)',
  appstore: 'App Store',
  'developer-id': 'Developer ID',
};
