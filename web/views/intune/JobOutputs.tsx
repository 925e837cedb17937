// The two outputs of an Intune job, to copy or download: the ordered Graph requests (for automation) and the
// PowerShell script (to run as written). The same text the CLI's `export --format graph` prints.
import { useMemo } from 'preact/hooks';
import type { IntuneJob } from '../../../core/index';
import { CopyButton } from '../../components/CopyButton';
import { downloadText } from '../../download';
import { useCore } from './use-core';

export function JobOutputs({ job }: { job: IntuneJob }) {
  const core = useCore();
  const requests = useMemo(() => `${JSON.stringify(job.requests, null, 2)}\n`, [job]);
  const script = useMemo(() => (core ? core.toPowerShell(job) : ''), [core, job]);
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <>
      <h3>Microsoft Graph requests (beta), in order</h3>
      <p class="muted">
        Permission {job.scope}. An assign request's URL holds {'{id}'}: the id returned by the create request it names
        (idFrom).
      </p>
      <Output text={requests} label="Graph requests" fileName={`intune-${job.cloud.name}-${stamp}.json`} type="application/json" />
      <h3>PowerShell</h3>
      <p class="muted">Runs as written in PowerShell 7 or Windows PowerShell 5.1 with Microsoft.Graph.Authentication installed.</p>
      <Output text={script} label="PowerShell script" fileName={`intune-${job.cloud.name}-${stamp}.ps1`} type="text/plain" />
    </>
  );
}

function Output({ text, label, fileName, type }: { text: string; label: string; fileName: string; type: string }) {
  return (
    <>
      <p class="row-actions">
        <CopyButton text={text} label={`Copy the ${label}`} />
        <button type="button" class="small" onClick={() => downloadText(fileName, text, type)}>
          Download {fileName.slice(fileName.lastIndexOf('.'))}
        </button>
      </p>
      <pre class="code" tabIndex={0} aria-label={label}>
        {text}
      </pre>
    </>
  );
}

