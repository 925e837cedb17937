// Dates in the reader's locale, with the exact UTC instant one hover (or screen-reader `title`) away.
export function utcLabel(iso: string): string {
  return `${iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} UTC`;
}

export function DateText({ iso, withTime = false }: { iso: string | null | undefined; withTime?: boolean }) {
  if (!iso) return <span class="muted">—</span>;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>{iso}</span>;
  const local = withTime
    ? date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
  return (
    <time dateTime={iso} title={utcLabel(iso)}>
      {local}
    </time>
  );
}

export function DaysLeft({ days }: { days: number | null }) {
  if (days === null) return <span class="muted">—</span>;
  if (days < 0) return <span>{`${-days} d ago`}</span>;
  return <span>{`${days} d`}</span>;
}
