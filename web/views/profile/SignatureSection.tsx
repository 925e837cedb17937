import type { SignatureReport } from '../../../core/types';
import { DateText } from '../../components/DateText';
import { SignatureVerdict } from '../../components/SignatureVerdict';

export function SignatureSection({ signature }: { signature: SignatureReport | null }) {
  return (
    <section aria-labelledby="signature-title">
      <h2 id="signature-title">Signature</h2>
      <p>
        <SignatureVerdict status={signature?.status} />
      </p>
      {signature && (
        <dl class="facts">
          {signature.reason && (
            <>
              <dt>Why</dt>
              <dd>{signature.reason}</dd>
            </>
          )}
          <dt>Signer</dt>
          <dd>{signature.signer ?? '—'}</dd>
          <dt>Chain</dt>
          <dd>
            {signature.chain.length > 0 ? (
              <ol class="chain">
                {signature.chain.map((name, index) => (
                  <li key={index}>{name}</li>
                ))}
              </ol>
            ) : (
              '—'
            )}
          </dd>
          <dt>Verified at</dt>
          <dd>
            <DateText iso={signature.signedAt} withTime />
          </dd>
          <dt>Signer still valid today</dt>
          <dd>{signature.signerValidNow === null ? '—' : signature.signerValidNow ? 'Yes' : 'No (normal for older profiles)'}</dd>
        </dl>
      )}
    </section>
  );
}
