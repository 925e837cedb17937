// The toolbar popup: what the badge counts first, then the rest soonest-ending first, each row opening the profile in
// the full view; acknowledge or snooze a reminder; a quick import and the way to the full view. The popup reads and
// writes through the background so it shows exactly what the badge counts, in the core's status words and the one
// date style (core/dates.ts).
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { daysText, formatLocal, formatUtc } from '../../core/dates';
import { STATUS_LABEL } from '../../core/profile';
import { applyTheme } from '../../web/theme';
import { send, type LibraryRow, type LibrarySummary } from '../messages';
import { importFiles } from './import-files';

const ROWS = 8;
const SNOOZE_DAYS = 7;

function fullViewUrl(hash: string): string {
  return browser.runtime.getURL(`extension/full/index.html${hash}`);
}

function statusWord(row: LibraryRow): string {
  if (row.renewed) return 'Renewed';
  return row.status === 'unreadable' ? 'Unreadable' : STATUS_LABEL[row.status];
}

function Row({ row, onQuiet }: { row: LibraryRow; onQuiet: (id: string, until: string | null, clear?: boolean) => void }) {
  const href = fullViewUrl(`#/profile/${encodeURIComponent(row.id)}`);
  const open = (event: MouseEvent) => {
    // An extension page's link would open inside the popup: open a tab, then close the popup.
    event.preventDefault();
    void browser.tabs.create({ url: href }).then(() => window.close());
  };
  const ended = row.expiresAt !== null && Date.parse(row.expiresAt) <= Date.now();
  return (
    <li data-id={row.id}>
      <a class="name" href={href} onClick={open}>
        {row.name ?? row.fileName}
      </a>
      <span class={`status-${row.status}`}>{statusWord(row)}</span>
      <span class="meta">
        {row.daysLeft === null || row.expiresAt === null ? (
          'no expiration date'
        ) : (
          <>
            {ended ? 'stopped launching ' : 'stops launching '}
            <time dateTime={row.expiresAt} title={formatUtc(row.expiresAt)}>
              {formatLocal(row.expiresAt)}
            </time>
            {` · ${daysText(row.daysLeft, ended)}`}
          </>
        )}
        {row.appIdentifier ? ` · ${row.appIdentifier}` : ''}
      </span>
      {row.counted && (
        <span class="row-actions">
          <button type="button" onClick={() => onQuiet(row.id, null)}>
            Acknowledge
          </button>
          <button type="button" onClick={() => onQuiet(row.id, new Date(Date.now() + SNOOZE_DAYS * 86_400_000).toISOString())}>
            {`Snooze ${SNOOZE_DAYS} days`}
          </button>
        </span>
      )}
      {row.quietUntil && (
        <span class="row-actions">
          <span class="meta">{`Not counted until ${formatLocal(row.quietUntil)}`}</span>
          <button type="button" onClick={() => onQuiet(row.id, null, true)}>
            Count again
          </button>
        </span>
      )}
    </li>
  );
}

function Empty({ onOpenFullView }: { onOpenFullView: () => void }) {
  return (
    <div class="empty" data-testid="empty-popup">
      <p>
        <strong>No profiles yet.</strong> ProvLens watches the provisioning profiles you add and counts, on this
        button, the in-house ones Intune must push before they expire.
      </p>
      <ol class="steps">
        <li>Import .mobileprovision files with the button below, or</li>
        <li>
          open the full view to import many files, a folder or .ipa apps, or
        </li>
        <li>open a .mobileprovision upload in the Intune admin center: ProvLens checks it there.</li>
      </ol>
      <button type="button" onClick={onOpenFullView}>
        Open full view to import
      </button>
    </div>
  );
}

export function Popup() {
  const [summary, setSummary] = useState<LibrarySummary | null>(null);
  const [message, setMessage] = useState('');

  const refresh = useCallback(() => {
    send('library:summary', { limit: ROWS }).then(setSummary, (error: unknown) => setMessage(String(error)));
  }, []);
  useEffect(refresh, [refresh]);
  // The library's theme setting overrides the system preference here as in the full view (popup.css). Until the
  // background answers, the theme remembered at start (main.tsx) stands.
  const theme = summary?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);

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

  const onQuiet = (id: string, until: string | null, clear = false) => {
    send('badge:quiet', { id, until, clear }).then(refresh, (error: unknown) => setMessage(String(error)));
  };

  const openFullView = () => {
    void browser.tabs.create({ url: fullViewUrl('') }).then(() => window.close());
  };

  return (
    <>
      <h1>ProvLens</h1>
      {summary && summary.total === 0 && <Empty onOpenFullView={openFullView} />}
      {summary && summary.total > 0 && (
        <p class="summary" data-testid="need-action">
          {summary.needAction === 0
            ? `${summary.total} profile${summary.total === 1 ? '' : 's'}; no in-house profile needs pushing within ${summary.warnDays} days.`
            : `${summary.needAction} in-house profile${summary.needAction === 1 ? '' : 's'} to renew and push through Intune within ${summary.warnDays} days (of ${summary.total}).`}
        </p>
      )}
      {summary && summary.rows.length > 0 && (
        <ol aria-label="Profiles, those to act on first">
          {summary.rows.map((row) => (
            <Row key={row.id} row={row} onQuiet={onQuiet} />
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
