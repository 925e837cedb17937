// Dates in the reader's locale, with the UTC instant (as the core's messages write it) one hover away.
import { formatUtc } from '../../core/findings';

// Building an Intl.DateTimeFormat costs about a millisecond; a library page shows dozens of dates per render.
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function DateText({ iso, withTime = false }: { iso: string | null | undefined; withTime?: boolean }) {
  if (!iso) return <span class="muted">—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const local = (withTime ? DATE_TIME : DATE).format(date);
  return (
    <time dateTime={iso} title={formatUtc(iso)}>
      {local}
    </time>
  );
}

export function DaysLeft({ days }: { days: number | null }) {
  if (days === null) return <span class="muted">—</span>;
  if (days < 0) return <span>{`${-days} d ago`}</span>;
  return <span>{`${days} d`}</span>;
}
