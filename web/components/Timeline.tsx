// The profile's life on one line: created, the earliest developer certificate expiry, profile expiry, and today.
// The bar is decoration (aria-hidden); the list next to it carries the same facts as text.
import { DateText } from './DateText';

export interface TimelineEvent {
  label: string;
  iso: string | null;
  kind: 'created' | 'certificate' | 'expiry' | 'today';
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const dated = events.filter((event): event is TimelineEvent & { iso: string } => !!event.iso);
  const times = dated.map((event) => Date.parse(event.iso));
  const min = Math.min(...times);
  const span = Math.max(...times) - min || 1;
  const sorted = [...dated].sort((a, b) => Date.parse(a.iso) - Date.parse(b.iso));
  return (
    <div class="timeline">
      <div class="timeline-bar" aria-hidden="true">
        {sorted.map((event) => (
          <span
            key={event.kind}
            class={`timeline-mark mark-${event.kind}`}
            style={{ left: `${((Date.parse(event.iso) - min) / span) * 100}%` }}
          />
        ))}
      </div>
      <ol class="timeline-list">
        {sorted.map((event) => (
          <li key={event.kind}>
            <span class={`timeline-key mark-${event.kind}`} aria-hidden="true" />
            <strong>{event.label}</strong> <DateText iso={event.iso} withTime />
          </li>
        ))}
      </ol>
    </div>
  );
}
