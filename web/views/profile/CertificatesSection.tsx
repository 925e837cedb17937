import type { DeveloperCertificate } from '../../../core/types';
import { CopyButton } from '../../components/CopyButton';
import { DateText } from '../../components/DateText';

export function CertificatesSection({ certificates }: { certificates: DeveloperCertificate[] }) {
  return (
    <section aria-labelledby="certificates-title">
      <h2 id="certificates-title">{`Developer certificates (${certificates.length})`}</h2>
      {certificates.map((certificate) => (
        <div class="card" key={certificate.sha256}>
          <p class="card-title">
            <strong>{certificate.commonName ?? '(no common name)'}</strong>
          </p>
          <dl class="facts">
            <dt>Team</dt>
            <dd>{[certificate.organization, certificate.teamId].filter(Boolean).join(' — ') || '—'}</dd>
            <dt>Valid</dt>
            <dd>
              <DateText iso={certificate.notBefore} /> to <DateText iso={certificate.notAfter} />
            </dd>
            <dt>Serial</dt>
            <dd class="mono">{certificate.serialNumber}</dd>
            <dt>SHA-256</dt>
            <dd class="mono fingerprint">
              <span>{certificate.sha256}</span>
              <CopyButton text={certificate.sha256} label={`Copy SHA-256 of ${certificate.commonName ?? 'certificate'}`} />
            </dd>
            <dt>SHA-1</dt>
            <dd class="mono fingerprint">
              <span>{certificate.sha1}</span>
              <CopyButton text={certificate.sha1} label={`Copy SHA-1 of ${certificate.commonName ?? 'certificate'}`} />
            </dd>
          </dl>
        </div>
      ))}
    </section>
  );
}
