// "Prepare for Intune": the Microsoft Graph request body and the equivalent PowerShell, to copy or download.
// Nothing is sent from here: the admin runs them with their own credentials. Offered only when the live verdict says
// Intune's push can use the file (core/profile-verdict.ts usableByIntune); otherwise the section says why not first.
import { useState } from 'preact/hooks';
import { CopyButton } from '../../components/CopyButton';
import { downloadText } from '../../download';
import { loadCore } from '../../lazy-core';
import type { ProfileVerdict } from '../../../core/profile-verdict';
import type { StoredProfile } from '../../../core/store';

interface Prepared {
  /** e.g. "POST https://graph.microsoft.com/beta/…", with the permission it needs. */
  endpoint: string;
  graph: string;
  powershell: string;
}

export function IntunePanel({ stored, verdict }: { stored: StoredProfile; verdict: ProfileVerdict | null }) {
  if (!verdict?.usableByIntune) return <NotForIntune verdict={verdict} />;
  return <PreparePanel stored={stored} />;
}

function NotForIntune({ verdict }: { verdict: ProfileVerdict | null }) {
  const [first, ...rest] = verdict?.reasonsNotUsable ?? [];
  return (
    <section aria-labelledby="intune-title" class="not-for-intune">
      <h2 id="intune-title">Intune</h2>
      <p>
        <strong>Intune cannot use this file: </strong>
        {first ? first.message : 'it could not be decoded.'}
      </p>
      {first && <p>{`Instead: ${first.fix}`}</p>}
      {rest.length > 0 && (
        <ul>
          {rest.map((reason) => (
            <li key={reason.code}>{`${reason.message} ${reason.fix}`}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PreparePanel({ stored }: { stored: StoredProfile }) {
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const prepare = async () => {
    const core = await loadCore();
    const request = core.toGraphRequest(stored.result, stored.bytes, stored.fileName);
    setPrepared({
      endpoint: `${request.method} ${request.url} (permission: ${request.scope})`,
      graph: JSON.stringify(request.body, null, 2),
      powershell: core.toPowerShell(stored.result, stored.fileName),
    });
  };
  const base = stored.fileName.replace(/\.[^.]+$/, '');
  return (
    <section aria-labelledby="intune-title">
      <h2 id="intune-title">Prepare for Intune</h2>
      <p>An in-house iOS profile, signed by Apple and in date: Intune's iOS app provisioning profiles push can use it.</p>
      {!prepared ? (
        <button type="button" onClick={() => void prepare()}>
          Prepare Graph request and PowerShell
        </button>
      ) : (
        <>
          <h3>Microsoft Graph (beta)</h3>
          <p class="mono">{prepared.endpoint}</p>
          <p class="row-actions">
            <CopyButton text={prepared.graph} label="Copy the Graph request body" />
            <button
              type="button"
              class="small"
              onClick={() => downloadText(`${base}.graph.json`, prepared.graph, 'application/json')}
            >
              Download
            </button>
          </p>
          <pre class="code" tabIndex={0} aria-label="Graph request body">
            {prepared.graph}
          </pre>
          <h3>PowerShell</h3>
          <p class="row-actions">
            <CopyButton text={prepared.powershell} label="Copy the PowerShell script" />
            <button
              type="button"
              class="small"
              onClick={() => downloadText(`${base}.ps1`, prepared.powershell, 'text/plain')}
            >
              Download
            </button>
          </p>
          <pre class="code" tabIndex={0} aria-label="PowerShell script">
            {prepared.powershell}
          </pre>
        </>
      )}
    </section>
  );
}
