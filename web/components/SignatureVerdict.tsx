// The signature verdict in words an admin can act on; shared by the profile view, the popup and the annotation.
import type { SignatureStatus } from '../../core/types';

export const SIGNATURE_LABEL: Record<SignatureStatus, string> = {
  valid: 'Signed by Apple (verified)',
  invalid: 'Signature does not match: the file was altered',
  untrusted: 'Not signed by Apple',
  unsigned: 'Not signed at all',
};

export function SignatureVerdict({ status }: { status: SignatureStatus | null | undefined }) {
  if (!status) return <span class="verdict verdict-unsigned">No signature report</span>;
  return (
    <span class={`verdict verdict-${status}`}>
      <span aria-hidden="true">{status === 'valid' ? '✓ ' : '✕ '}</span>
      {SIGNATURE_LABEL[status]}
    </span>
  );
}
