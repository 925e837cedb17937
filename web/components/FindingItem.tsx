// One finding or verdict reason: what is wrong, how bad, and what to do. Used by the profile view and the app check.
import type { Severity } from '../../core/types';

const SEVERITY_LABEL: Record<Severity, string> = { error: 'Problem', warning: 'Warning', info: 'Note' };

export function FindingItem({ severity, message, fix }: { severity: Severity; message: string; fix: string }) {
  return (
    <li class={`finding finding-${severity}`}>
      <p>
        <span class="severity">{SEVERITY_LABEL[severity]}:</span> {message}
      </p>
      <p class="fix">
        <span class="severity">Fix:</span> {fix}
      </p>
    </li>
  );
}
