// The toolbar popup: the library at a glance (soonest expiry first), how many need action, a quick import and the
// way to the full view. The popup reads and writes through the background so it shows exactly what the badge counts.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { send, type LibraryRow, type LibrarySummary } from '../messages';
import { describeDays } from '../content/annotation-model';
import { importFiles } from './import-files';

const ROWS = 8;

const STATUS_WORD: Record<LibraryRow['status'], string> = {
  expired: 'Expired',
  expiring: 'Expiring',
  ok: 'OK',
  unknown: 'No date',
};

function Row({ row }: { row: LibraryRow }) {
  return (
    <li>
      <span class="name">{row.name ?? row.fileName}</span>
      <span class={`status-${row.status}`}>{row.renewed ? 'Renewed' : STATUS_WORD[row.status]}</span>
      <span class="meta">
        {row.daysLeft === null ? 'no expiration date' : `${row.expiresAt?.slice(0, 10) ?? ''} · ${describeDays(row.daysLeft)}`}
        {row.appIdentifier ? ` · ${row.appIdentifier}` : ''}
      </span>
    </li>
  );
}

export function Popup() {
  const [summary, setSummary] = useState<LibrarySummary | null>(null);
  const [message, setMessage] = useState('');

  const refresh = useCallback(() => {
    send('library:summary', { limit: ROWS }).then(setSummary, (error: unknown) => setMessage(String(error)));
  }, []);
  useEffect(refresh, [refresh]);

  const onFiles = (files: FileList | null) => {
    if (!files?.length) return;
    setMessage('Reading on this device…');
    importFiles([...files]).then(
      (outcome) => {
        setMessage(outcome);
        refresh();
      },
      (error: unknown) => setMessage(String(error)),
    );
  };

  const openFullView = () => {
    void browser.tabs.create({ url: browser.runtime.getURL('extension/full/index.html') }).then(() => window.close());
  };

  return (
    <>
      <h1>ProvLens</h1>
      {summary && (
        <p class="summary" data-testid="need-action">
          {summary.needAction === 0
            ? `${summary.total} profile${summary.total === 1 ? '' : 's'}, none needs action within ${summary.warnDays} days.`
            : `${summary.needAction} of ${summary.total} need action (expired or within ${summary.warnDays} days).`}
        </p>
      )}
      {summary && summary.rows.length > 0 && (
        <ol aria-label="Profiles expiring soonest">
          {summary.rows.map((row) => (
            <Row key={row.id} row={row} />
          ))}
        </ol>
      )}
      <div class="actions">
        <label class="button">
          Import profiles…
          <input
            class="visually-hidden"
            type="file"
            multiple
            accept=".mobileprovision,.provisionprofile"
            onChange={(event) => onFiles(event.currentTarget.files)}
          />
        </label>
        <button type="button" onClick={openFullView}>
          Open full view
        </button>
      </div>
      <p class="note" role="status">
        {message}
      </p>
      <p class="note">Some browsers close this popup when a file picker opens: import from the full view then.</p>
    </>
  );
}
