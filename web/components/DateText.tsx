// Dates in the one style of every screen (core/dates.ts formatLocal: "15 Jan 2027, 10:30 CET", the reader's zone,
// named), with the UTC instant the exports and the core's messages use one hover away.
import { daysText, formatLocal, formatUtc } from '../../core/dates';

export function DateText({ iso }: { iso: string | null | undefined; withTime?: boolean }) {
  if (!iso) return <span class="muted">—</span>;
  if (Number.isNaN(Date.parse(iso))) return <span>{iso}</span>;
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {formatLocal(iso)}
    </time>
  );
}

/** The day count of core/dates.ts daysLeft in words; `ended` tells "0" before the moment from "0" after it. */
export function DaysLeft({ days, ended }: { days: number | null; ended?: boolean }) {
  if (days === null) return <span class="muted">—</span>;
  return <span>{daysText(days, ended ?? days < 0)}</span>;
}
