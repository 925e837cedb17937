// What needs the admin's attention, computed from stored summaries alone (no bytes, no DOM), so the daily alarm in
// the service worker is cheap. Thresholds follow Intune's own 30-day notice, then a week, a day, and expiry.
import { daysLeft, expiryState } from '../../core/dates';
import type { BadgeState, LibraryRow, ProfileStatus } from '../messages';

/** The subset of a stored ProfileSummary (core/store.ts) the expiry logic reads. */
export interface ExpirySubject {
  id: string;
  fileName: string;
  expiresAt: string | null;
  appIdentifier: string | null;
  /** Set when a newer profile for the same app ID is in the library: the old one no longer needs action. */
  renewedBy: string | null;
  result: { profile: { name: string | null } | null };
}

/** A threshold crossed: a number of days before expiry, or 'expired'. */
export type Threshold = number | 'expired';

export function statusOf(subject: ExpirySubject, now: Date, warnDays: number): ProfileStatus {
  return (subject.expiresAt === null ? null : expiryState(subject.expiresAt, now, warnDays)) ?? 'unknown';
}

/** The notification ladder for a warning window: e.g. warnDays 30 → [30, 7, 1]. */
export function thresholdsFor(warnDays: number): number[] {
  return [...new Set([warnDays, 7, 1])].filter((days) => days > 0 && days <= warnDays).sort((a, b) => b - a);
}

/** The tightest threshold a profile has crossed, or null while it is outside the window. */
export function crossedThreshold(subject: ExpirySubject, now: Date, warnDays: number): Threshold | null {
  if (subject.expiresAt === null || subject.renewedBy !== null) return null;
  const state = expiryState(subject.expiresAt, now, warnDays);
  if (state === null) return null;
  if (state === 'expired') return 'expired';
  const days = daysLeft(subject.expiresAt, now);
  // The same "at most N whole days left" rule as the warning window (core/dates.ts expiryState).
  const crossed = thresholdsFor(warnDays).filter((threshold) => days <= threshold);
  return crossed.at(-1) ?? null;
}

export function needsAction(subject: ExpirySubject, now: Date, warnDays: number): boolean {
  return crossedThreshold(subject, now, warnDays) !== null;
}

/** The toolbar badge: how many need action; red when any has expired, amber when they are only expiring. */
export function badgeState(subjects: readonly ExpirySubject[], now: Date, warnDays: number): BadgeState {
  const crossed = subjects.map((subject) => crossedThreshold(subject, now, warnDays)).filter((t) => t !== null);
  const severity = crossed.length === 0 ? 'none' : crossed.includes('expired') ? 'expired' : 'expiring';
  return { count: crossed.length, severity };
}

export function libraryRow(subject: ExpirySubject, now: Date, warnDays: number): LibraryRow {
  return {
    id: subject.id,
    name: subject.result.profile?.name ?? null,
    fileName: subject.fileName,
    appIdentifier: subject.appIdentifier,
    expiresAt: subject.expiresAt,
    daysLeft: subject.expiresAt === null ? null : daysLeft(subject.expiresAt, now),
    status: statusOf(subject, now, warnDays),
    renewed: subject.renewedBy !== null,
  };
}
