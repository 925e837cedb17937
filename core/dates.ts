// Day arithmetic and UTC display shared by findings, exports and views. Dates in the data model are ISO 8601 / RFC 3339
// UTC strings (core/types.ts), so one rule for "days left" keeps the CLI, the web app and the exports in agreement.
export const DAY_MS = 86_400_000;

/** The one day-count rule: whole days from `now` until `expiresAt`, rounded toward zero, so "12 days left" and
 *  "12 days ago" both count only complete days and the day it ends reads 0 on either side; negative once expired. */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.trunc((Date.parse(expiresAt) - now.getTime()) / DAY_MS) || 0;
}

export type ExpiryState = 'expired' | 'expiring' | 'ok';

/** One warning window for findings, the library, the badge and exports: expired once the moment has passed;
 *  expiring while at most `warnDays` whole days are left, so the number shown and the warning always agree.
 *  null when the date does not parse. */
export function expiryState(expiresAt: string, now: Date, warnDays: number): ExpiryState | null {
  const expires = Date.parse(expiresAt);
  if (Number.isNaN(expires)) return null;
  if (expires <= now.getTime()) return 'expired';
  return daysLeft(expiresAt, now) <= warnDays ? 'expiring' : 'ok';
}

/** "2026-03-01 14:05 UTC": dates in messages are always UTC so a report reads the same in every time zone. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// en-GB gives the day-month-year order and 24-hour clock of "15 Jan 2027, 10:30 CET" in every browser; the zone is the
// reader's own (or the one asked for) and is always named, so a date never silently changes meaning between views.
const LOCAL_FORMATS = new Map<string, Intl.DateTimeFormat>();

function localFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = LOCAL_FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      ...(timeZone ? { timeZone } : {}),
    });
    LOCAL_FORMATS.set(key, format);
  }
  return format;
}

/** "15 Jan 2027, 10:30 CET": the one date style of every screen, in the reader's time zone (or `timeZone`), named. */
export function formatLocal(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : localFormat(timeZone).format(date);
}

/** The one wording of a day count from daysLeft: "12 days left", "less than a day left", "3 days ago". */
export function daysText(days: number, ended: boolean): string {
  const count = Math.abs(days);
  const span = count === 0 ? 'less than a day' : `${count} day${count === 1 ? '' : 's'}`;
  return ended ? `${span} ago` : `${span} left`;
}
