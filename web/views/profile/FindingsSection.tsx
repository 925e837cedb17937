import type { Finding } from '../../../core/types';
import { FindingItem } from '../../components/FindingItem';

export function FindingsSection({ findings }: { findings: Finding[] }) {
  return (
    <section aria-labelledby="findings-title">
      <h2 id="findings-title">{`Findings (${findings.length})`}</h2>
      {findings.length === 0 ? (
        <p>Nothing to report.</p>
      ) : (
        <ul class="findings">
          {findings.map((finding) => (
            <FindingItem key={finding.code} severity={finding.severity} message={finding.message} fix={finding.fix} />
          ))}
        </ul>
      )}
    </section>
  );
}
