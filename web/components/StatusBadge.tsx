// Status as a symbol AND a word, so colour is never the only signal (WCAG 1.4.1).
import { STATUS_LABEL, type ProfileStatus } from '../library-model';

const SYMBOL: Record<ProfileStatus, string> = {
  tampered: '✕',
  untrusted: '✕',
  unsigned: '?',
  expired: '✕',
  expiring: '!',
  ok: '✓',
  unreadable: '✕',
};

export function StatusBadge({ status, label }: { status: ProfileStatus; label?: string }) {
  return (
    <span class={`badge badge-${status}`}>
      <span aria-hidden="true">{SYMBOL[status]}</span> {label ?? STATUS_LABEL[status]}
    </span>
  );
}
