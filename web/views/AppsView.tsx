// The renewal board: every imported app (.ipa), most urgent first — until when it keeps launching, which library
// profile keeps it launching, and what is missing for Intune's push to keep it alive. The page an admin opens every
// month. A table on desktop widths, one card per app below the board's breakpoint (apps/app-parts.tsx BOARD_NARROW).
import { useMemo } from 'preact/hooks';
import { useAppContext } from '../app-context';
import { StatusBadge } from '../components/StatusBadge';
import { appHref } from '../router';
import type { Summaries } from '../use-summaries';
import { toAppRows, type AppRow } from './apps/app-board';
import { Checks, LaunchesUntil, PickedProfiles, Signer, Stack, useNarrow } from './apps/app-parts';
import { useApps } from './apps/use-apps';
import { useCore } from './intune/use-core';

/** How many missing items a board row shows before pointing at the app page. */
const MISSING_SHOWN = 2;

export function AppsView({ summaries }: { summaries: Summaries }) {
  const { library, settings } = useAppContext();
  const { apps, loaded, error } = useApps(library);
  const core = useCore();
  const narrow = useNarrow();
  // Judged only against the whole library: a renewal not yet read would make an app look uncovered.
  const ready = core !== null && summaries.complete;
  const rows = useMemo(
    () => (core && summaries.complete ? toAppRows(core, apps, summaries.profiles, new Date(), settings.warnDays) : []),
    [core, apps, summaries.profiles, summaries.complete, settings.warnDays],
  );

  if (error || summaries.error) return <p role="alert">The library could not be read: {error ?? summaries.error}</p>;
  if (loaded && apps.length === 0) return <EmptyApps />;

  return (
    <section aria-labelledby="apps-title" class="apps">
      <h1 id="apps-title">Apps</h1>
      <p>
        Each imported app, the most urgent first: until when it keeps launching, the newest library profile that keeps
        every bundle launching, and what is missing for Intune's push to keep it alive.
      </p>
      {!loaded || !ready ? (
        <p>Reading the library…</p>
      ) : narrow ? (
        <ul class="app-cards">
          {rows.map((row) => (
            <AppCard key={row.id} row={row} />
          ))}
        </ul>
      ) : (
        <AppTable rows={rows} />
      )}
    </section>
  );
}

function EmptyApps() {
  return (
    <section aria-labelledby="apps-title" class="empty">
      <h1 id="apps-title">Apps</h1>
      <p>No apps imported yet.</p>
      <p>
        Import an in-house app's .ipa file: ProvLens reads its bundles, signer and embedded profiles on this device, and
        this board then shows until when it keeps launching and which stored profile can renew it.
      </p>
      <p>
        <a class="button" href="#/import">
          Import an .ipa
        </a>
      </p>
    </section>
  );
}

function AppTable({ rows }: { rows: AppRow[] }) {
  return (
    <table class="plain app-board">
      <caption class="visually-hidden">Imported apps, most urgent first</caption>
      <thead>
        <tr>
          <th scope="col" class="col-status">Status</th>
          <th scope="col" class="col-app">App</th>
          <th scope="col" class="col-signer">Signer</th>
          <th scope="col" class="col-checks">Checks</th>
          <th scope="col" class="col-renewal">Renewal</th>
          <th scope="col" class="col-until">Launches until</th>
          <th scope="col">Missing</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-id={row.id}>
            <td>
              <StatusBadge status={row.status} />
            </td>
            <th scope="row">
              <AppName row={row} />
            </th>
            <td>
              <Stack>
                <Signer row={row} />
              </Stack>
            </td>
            <td>
              <Stack>
                <Checks row={row} />
              </Stack>
            </td>
            <td>
              <PickedProfiles row={row} />
            </td>
            <td>
              <LaunchesUntil row={row} />
            </td>
            <td>
              <Missing row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AppCard({ row }: { row: AppRow }) {
  return (
    <li class="card app-card" data-id={row.id}>
      <p class="app-card-head">
        <StatusBadge status={row.status} /> <LaunchesUntil row={row} />
      </p>
      <h2 class="app-card-title">
        <AppName row={row} />
      </h2>
      <dl class="facts">
        <dt>Signer</dt>
        <dd>
          <Stack>
            <Signer row={row} />
          </Stack>
        </dd>
        <dt>Checks</dt>
        <dd>
          <Stack>
            <Checks row={row} />
          </Stack>
        </dd>
        <dt>Renewal in the library</dt>
        <dd>
          <PickedProfiles row={row} />
        </dd>
        <dt>Missing</dt>
        <dd>
          <Missing row={row} />
        </dd>
      </dl>
    </li>
  );
}

function AppName({ row }: { row: AppRow }) {
  return (
    <Stack>
      <a href={appHref(row.id)} class="app-name">
        {row.name}
      </a>
      <span class="mono app-bundle-id">{row.bundleId ?? 'no bundle ID'}</span>
      {row.version && <span class="app-version">version {row.version}</span>}
    </Stack>
  );
}

function Missing({ row }: { row: AppRow }) {
  if (row.error) return <span class="error">{row.error}</span>;
  if (row.missing.length === 0) return <span>{row.usable ? 'Nothing: Intune can keep it launching' : '—'}</span>;
  const more = row.missing.length - MISSING_SHOWN;
  return (
    <>
      <ul class="missing">
        {row.missing.slice(0, MISSING_SHOWN).map((item, index) => (
          <li key={index}>{item.message}</li>
        ))}
      </ul>
      {more > 0 && (
        <a href={appHref(row.id)}>
          {`and ${more} more`}
          <span class="visually-hidden">{` for ${row.name}`}</span>
        </a>
      )}
    </>
  );
}
