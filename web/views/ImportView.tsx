// Import many profiles and apps at once, with progress and a per-file error list; the rest are stored.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useAppContext } from '../app-context';
import { DropZone } from '../components/DropZone';
import { loadCore } from '../lazy-core';
import { ACCEPT_ATTRIBUTE } from '../import/accepted-files';
import type { ImportProgress } from '../import/importer';
import { navigate, profileHref } from '../router';

export function ImportView() {
  const { library, announce } = useAppContext();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  // Someone on this view is about to pick files: fetch the importer and the decoder now (from this site, in the
  // background) and start the decode workers, so the import does not start by waiting for them. Workers no import
  // took are stopped when the view closes.
  const prepare = useRef<() => void>(() => undefined);
  useEffect(() => {
    let release: (() => void) | null = null;
    let open = true;
    prepare.current = () => {
      void import('../import/importer')
        .then(({ prepareImport }) => {
          if (open) release = prepareImport(library);
        })
        .catch(() => undefined);
    };
    prepare.current();
    void loadCore().catch(() => undefined);
    return () => {
      open = false;
      release?.();
    };
  }, [library]);

  const start = async (files: File[]) => {
    if (running || files.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    announce(`Importing ${files.length} file${files.length === 1 ? '' : 's'}…`);
    try {
      // The importer brings the decoder and unzip code: fetched on first use, not with the first screen.
      const { importFiles } = await import('../import/importer');
      const final = await importFiles(files, library, { onProgress: setProgress, signal: controller.signal });
      announce(summaryText(final));
      if (final.total === 1 && final.failures.length === 0 && final.lastProfileId && final.apps === 0) {
        navigate(profileHref(final.lastProfileId));
      }
    } catch (error) {
      announce(`Import stopped: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setRunning(false);
      // Ready for the next import from this view.
      prepare.current();
    }
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      <DropZone accept={ACCEPT_ATTRIBUTE} multiple allowFolder pickLabel="Choose files" onFiles={(files) => void start(files)}>
        <p>
          Drop <code>.mobileprovision</code>, <code>.provisionprofile</code> or <code>.ipa</code> files, or a whole
          folder, here.
        </p>
      </DropZone>
      {progress && <ProgressReport progress={progress} running={running} onCancel={() => abort.current?.abort()} />}
    </section>
  );
}

function ProgressReport({ progress, running, onCancel }: { progress: ImportProgress; running: boolean; onCancel: () => void }) {
  return (
    <div class="progress-report">
      <label>
        {running ? `Reading ${progress.current ?? '…'}` : 'Done'}
        <progress max={Math.max(progress.total, 1)} value={progress.done} />
      </label>
      <p>{summaryText(progress)}</p>
      {running && (
        <button type="button" class="secondary" onClick={onCancel}>
          Stop
        </button>
      )}
      {!running && progress.done > 0 && <a href="#/library">Open the library</a>}
      {progress.failures.length > 0 && (
        <>
          <h2>{`Not imported (${progress.failures.length})`}</h2>
          <ul class="failures">
            {progress.failures.map((failure, index) => (
              <li key={index}>
                <strong>{failure.fileName}</strong>: {failure.message} <span class="mono muted">({failure.code})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function summaryText(progress: ImportProgress): string {
  const parts = [
    `${progress.done} of ${progress.total} files read`,
    `${progress.added} new`,
    `${progress.replaced} replaced`,
    `${progress.unchanged} already stored`,
  ];
  const kept = progress['kept-beside'];
  if (kept) {
    parts.push(`${kept} unverified cop${kept === 1 ? 'y' : 'ies'} of Apple-signed profiles kept beside them, not replacing them`);
  }
  if (progress.apps) parts.push(`${progress.apps} app${progress.apps === 1 ? '' : 's'}`);
  if (progress.failures.length) parts.push(`${progress.failures.length} failed`);
  if (progress.skipped) parts.push(`${progress.skipped} other files skipped`);
  return `${parts.join(', ')}.`;
}
