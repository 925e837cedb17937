// Pieces the renewal board and the app page share, so both word the same facts the same way.
import type { ComponentChildren } from 'preact';
import { useMediaQuery } from '../../use-media-query';
import type { IntegrityStatus } from '../../../core/types';
import { DateText, DaysLeft } from '../../components/DateText';
import { profileHref } from '../../router';
import type { AppRow } from './app-board';

export const INTEGRITY_WORD: Readonly<Record<IntegrityStatus, string>> = {
  intact: 'Intact',
  modified: 'Modified after signing',
  unsigned: 'Not code-signed',
  'ad-hoc': 'Ad-hoc signed',
  unverifiable: 'Cannot be verified',
};

export const CAPABILITY_WORD: Readonly<Record<NonNullable<AppRow['capabilities']>, string>> = {
  covered: 'Granted',
  exceeds: 'Not all granted',
  unknown: 'Not compared',
};

/** "until 15 Jan 2027, 10:30 CET (40 days left)", or what is known when no date is. */
export function LaunchesUntil({ row }: { row: AppRow }) {
  if (!row.launchesUntil) return <span class="muted">unknown</span>;
  return (
    <span class="launches">
      <DateText iso={row.launchesUntil} />{' '}
      <span class="days">
        (<DaysLeft days={row.daysLeft} ended={row.ended} />)
      </span>
    </span>
  );
}

export function Signer({ row }: { row: AppRow }) {
  const { signer } = row;
  if (!signer) return <span class="muted">no signing certificate</span>;
  return (
    <>
      <span class="signer-team">{[signer.teamName, signer.teamId && `(${signer.teamId})`].filter(Boolean).join(' ') || 'unknown team'}</span>
      <span class="signer-cn">{signer.commonName ?? 'unnamed certificate'}</span>
      <span class="signer-expiry">
        {'certificate '}
        {signer.expired ? 'expired ' : 'expires '}
        <DateText iso={signer.notAfter} />
      </span>
    </>
  );
}

/** The picked renewals as links to their profile pages; "none" when no usable library profile covers any bundle. */
export function PickedProfiles({ row }: { row: AppRow }) {
  if (row.picked.length === 0) return <span class="muted">none in the library</span>;
  return (
    <ul class="inline-list">
      {row.picked.map((summary) => (
        <li key={summary.id}>
          <a href={profileHref(summary.id)}>{summary.result.profile?.name ?? summary.fileName}</a>
        </li>
      ))}
    </ul>
  );
}

export function Checks({ row }: { row: AppRow }) {
  return (
    <>
      <span>Integrity: {row.integrity ? INTEGRITY_WORD[row.integrity] : '—'}</span>
      <span>Capabilities: {row.capabilities ? CAPABILITY_WORD[row.capabilities] : '—'}</span>
    </>
  );
}

/** Below this the board is a list of cards. Wider than the library's 50rem: seven columns, one of them sentences, need
 *  a desktop's width before a table reads better than cards. */
export const BOARD_NARROW = '(max-width: 72rem)';

export function useNarrow(): boolean {
  return useMediaQuery(BOARD_NARROW);
}

export function Stack({ children }: { children: ComponentChildren }) {
  return <span class="stack">{children}</span>;
}
