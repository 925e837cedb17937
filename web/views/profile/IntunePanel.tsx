// "Prepare for Intune": the Microsoft Graph request body and the equivalent PowerShell, to copy or download.
// Nothing is sent from here: the admin runs them with their own credentials.
import { useState } from 'preact/hooks';
import { CopyButton } from '../../components/CopyButton';
import { downloadText } from '../../download';
import { loadCore } from '../../lazy-core';
import type { StoredProfile } from '../../../core/store';

interface Prepared {
  /** e.g. "POST https://graph.microsoft.com/beta/…", with the permission it needs. */
  endpoint: string;
  graph: string;
  powershell: string;
}

export function IntunePanel({ stored }: { stored: StoredProfile }) {
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
