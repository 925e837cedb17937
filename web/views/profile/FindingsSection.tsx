import type { Finding } from '../../../core/types';

const SEVERITY_LABEL = { error: 'Problem', warning: 'Warning', info: 'Note' } as const;

export function FindingsSection({ findings }: { findings: Finding[] }) {
  return (
    <section aria-labelledby="findings-title">
      <h2 id="findings-title">{`Findings (${findings.length})`}</h2>
      {findings.length === 0 ? (
        <p>Nothing to report.</p>
      ) : (
        <ul class="findings">
          {findings.map((finding) => (
            <li key={finding.code} class={`finding finding-${finding.severity}`}>
              <p>
                <span class="severity">{SEVERITY_LABEL[finding.severity]}:</span> {finding.message}
              </p>
              <p class="fix">
                <span class="severity">Fix:</span> {finding.fix}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
