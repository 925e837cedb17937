// The audit trail: every request sent to Intune from this browser and what Graph answered (core AuditEntry: no token,
// no header, the payload as its size and SHA-256), kept in the library's IndexedDB and exportable as JSON.
import { useEffect, useState } from 'preact/hooks';
import type { StoredAuditEntry } from '../../../core/store';
import { useAppContext } from '../../app-context';
import { DateText } from '../../components/DateText';
import { downloadText } from '../../download';

export function AuditTrail() {
  const { library } = useAppContext();
  const [entries, setEntries] = useState<StoredAuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      library.listAuditEntries().then(
        (read) => live && setEntries(read),
        (caught: unknown) => live && setError(caught instanceof Error ? caught.message : String(caught)),
      );
    void load();
    const stop = library.onChange((change) => {
      if (change.kind === 'audit' || change.kind === 'all') void load();
    });
    return () => {
      live = false;
      stop();
    };
  }, [library]);

  const exportJson = () => {
    const stamp = new Date().toISOString().slice(0, 10);
    downloadText(`provlens-audit-${stamp}.json`, `${JSON.stringify(entries ?? [], null, 2)}\n`, 'application/json');
  };

  return (
    <section aria-labelledby="audit-title" class="audit">
      <h2 id="audit-title">Audit trail</h2>
      {error && (
        <p role="alert" class="error">
          The audit trail could not be read: {error}
        </p>
      )}
      {entries !== null && entries.length === 0 && <p class="muted">Nothing has been sent to Intune from this browser.</p>}
      {entries !== null && entries.length > 0 && (
        <>
          <p>
            <button type="button" class="small" onClick={exportJson}>
              Export the audit trail (JSON)
            </button>
          </p>
          <ol class="audit-entries" reversed>
            {[...entries].reverse().map((entry) => (
              <li key={entry.seq ?? entry.at} class={entry.ok ? undefined : 'error'}>
                <DateText iso={entry.at} /> — {entry.action === 'push' ? 'Push to Intune' : 'Renew in place'}:{' '}
                <span class="mono">
                  {entry.method} {entry.url}
                </span>{' '}
                → {entry.status ?? 'no answer'}
                {entry.response?.error && ` ${entry.response.error.code}: ${entry.response.error.message}`}
                {entry.profile && <span class="muted">{` (${entry.profile.fileName}, SHA-256 ${entry.profile.sha256})`}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
