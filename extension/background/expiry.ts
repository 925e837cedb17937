// What needs the admin's attention, computed from stored summaries alone (no bytes, no DOM), so the daily alarm in
// the service worker is cheap. Every judgement is the core's live verdict (core/profile/profile-verdict.ts), so the badge, the
// popup and the web app agree on status, days and dates. The badge counts only what Intune's push can act on
// (Microsoft, "Use iOS app provisioning profiles"): in-house iOS profiles signed by Apple, intact, expiring within the
// warning window, not yet renewed in the library and not acknowledged. Thresholds: the window, a week, a day, expiry.
import { resultVerdict, type ProfileVerdict } from '../../core/profile';
import type { ProfileResult } from '../../core/types';
import type { BadgeState, LibraryRow } from '../messages';

/** The subset of a stored ProfileSummary (core/store/store.ts) the expiry logic reads. */
export interface ExpirySubject {
  id: string;
  fileName: string;
  expiresAt: string | null;
  appIdentifier: string | null;
  /** Set when a newer profile for the same app ID is in the library: the old one no longer needs action. */
  renewedBy: string | null;
  result: Pick<ProfileResult, 'profile' | 'signature'>;
}

/** Profile id → ISO instant until which the admin asked not to be reminded (acknowledged or snoozed). */
export type Quieted = Readonly<Record<string, string>>;

/** A threshold crossed: a number of days before apps stop launching, or 'expired'. */
export type Threshold = number | 'expired';

export function verdictOf(subject: ExpirySubject, now: Date, warnDays: number): ProfileVerdict | null {
  return resultVerdict(subject.result, { now, warnDays });
}

/** An in-house iOS profile Apple signed, intact: the kind Intune pushes (it may have expired since). */
function pushable(verdict: ProfileVerdict | null): verdict is ProfileVerdict {
  return verdict !== null && verdict.reasonsNotUsable.every((reason) => reason.code === 'expired');
}

/** Kept-beside copies (core/store/store.ts copyId) and renewed profiles never need action. */
function superseded(subject: ExpirySubject): boolean {
  return subject.renewedBy !== null || subject.id.includes('~');
}

/** The notification ladder for a warning window: e.g. warnDays 30 → [30, 7, 1]. */
export function thresholdsFor(warnDays: number): number[] {
  return [...new Set([warnDays, 7, 1])].filter((days) => days > 0 && days <= warnDays).sort((a, b) => b - a);
}

/** The tightest threshold a profile Intune can act on has crossed, or null while it is outside the window. */
export function crossedThreshold(subject: ExpirySubject, now: Date, warnDays: number): Threshold | null {
  if (superseded(subject)) return null;
  const verdict = verdictOf(subject, now, warnDays);
  if (!pushable(verdict) || verdict.daysLeft === null) return null;
  if (verdict.status === 'expired') return 'expired';
  if (verdict.status !== 'expiring') return null;
  // The same "at most N whole days left" rule as the warning window (core/dates.ts expiryState).
  const days = verdict.daysLeft;
  return thresholdsFor(warnDays).filter((threshold) => days <= threshold).at(-1) ?? null;
}

export function isQuiet(id: string, quieted: Quieted, now: Date): boolean {
  const until = quieted[id];
  return until !== undefined && Date.parse(until) > now.getTime();
}

/** Counted on the badge: usable by Intune now, expiring within the window, not renewed, not acknowledged. */
export function countsForBadge(subject: ExpirySubject, now: Date, warnDays: number, quieted: Quieted = {}): boolean {
  const threshold = crossedThreshold(subject, now, warnDays);
  return typeof threshold === 'number' && !isQuiet(subject.id, quieted, now);
}

export function needsAction(subject: ExpirySubject, now: Date, warnDays: number, quieted: Quieted = {}): boolean {
  return countsForBadge(subject, now, warnDays, quieted);
}

/** The toolbar badge: how many need action; red once one has a day or less left, amber before. */
export function badgeState(subjects: readonly ExpirySubject[], now: Date, warnDays: number, quieted: Quieted = {}): BadgeState {
  const counted = subjects.filter((subject) => countsForBadge(subject, now, warnDays, quieted));
  const urgent = counted.some((subject) => crossedThreshold(subject, now, warnDays) === 1);
  return { count: counted.length, severity: counted.length === 0 ? 'none' : urgent ? 'expired' : 'expiring' };
}

export function libraryRow(subject: ExpirySubject, now: Date, warnDays: number, quieted: Quieted = {}): LibraryRow {
  const verdict = verdictOf(subject, now, warnDays);
  return {
    id: subject.id,
    name: subject.result.profile?.name ?? null,
    fileName: subject.fileName,
    appIdentifier: subject.appIdentifier,
    expiresAt: verdict?.stopsLaunchingOn ?? subject.expiresAt,
    daysLeft: verdict?.daysLeft ?? null,
    status: verdict?.status ?? 'unreadable',
    usableByIntune: verdict?.usableByIntune ?? false,
    renewed: subject.renewedBy !== null,
    counted: countsForBadge(subject, now, warnDays, quieted),
    quietUntil: isQuiet(subject.id, quieted, now) ? (quieted[subject.id] ?? null) : null,
  };
}
