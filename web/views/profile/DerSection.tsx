import type { DerProfileReport } from '../../../core/types';
import { SignatureVerdict } from '../../components/SignatureVerdict';

export function DerSection({ der }: { der: DerProfileReport }) {
  return (
    <section aria-labelledby="der-title">
      <h2 id="der-title">DER-encoded copy</h2>
      {!der.present ? (
        <p>Absent. Profiles made before about 2021 have no DER copy; newer ones should.</p>
      ) : (
        <dl class="facts">
          <dt>Its signature</dt>
          <dd>
            <SignatureVerdict status={der.signature} />
          </dd>
          <dt>Distribution type</dt>
          <dd class="mono">{der.distributionType ?? '—'}</dd>
          <dt>Agrees with the plist</dt>
          <dd>{der.consistent === null ? 'Could not be compared' : der.consistent ? 'Yes' : 'No'}</dd>
          {der.mismatches.length > 0 && (
            <>
              <dt>Differences</dt>
              <dd>
                <ul>
                  {der.mismatches.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
