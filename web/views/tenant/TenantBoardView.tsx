// The tenant board, most urgent first: one row per iOS line-of-business app in Intune — the app, the configurations
// whose App ID covers it with their live verdicts, where it and they are assigned, when it stops launching and what to
// do — then the problems about configurations rather than one app. A table on desktop widths, cards on phones
// (apps/app-parts.tsx BOARD_NARROW, as the Apps board).
import type { StoredApp } from '../../../core/store';
import type { ConfigurationView, TenantAppRow, TenantBoard, TenantProblem } from '../../../core/tenant/types';
import { BundleChecks } from '../../components/BundleChecks';
import { useNarrow } from '../apps/app-parts';
import { ACTION_NAME, type ActionKind } from './ActionReview';
import { AppIdentity, CoveringList, LaunchBadge, StopsLaunching, TargetList } from './board-parts';

/** Whether the connection may change Intune, and if not, why and how to get there. */
export interface WriteAccess {
  allowed: boolean;
  /** Why the actions are off: one sentence naming the missing scope. */
  reason: string | null;
  /** Sign in with Microsoft: ask for the write scope (incremental consent). */
  ask: (() => void) | null;
}

export interface BoardProps {
  board: TenantBoard;
  apps: readonly StoredApp[];
  now: Date;
  warnDays: number;
  write: WriteAccess;
  onAct(row: TenantAppRow, action: ActionKind): void;
}

export function TenantBoardView(props: BoardProps) {
  const { board } = props;
  const narrow = useNarrow();
  const views = new Map(board.configurations.map((view) => [view.id, view]));
  return (
    <>
      <section aria-labelledby="board-title" class="tenant-board">
        <h2 id="board-title" tabIndex={-1}>
          iOS apps in Intune
        </h2>
        <p class="count">{countWords(board, props.warnDays)}</p>
        {board.rows.length === 0 ? (
          <p>Intune holds no iOS line-of-business app{board.failures.some((failure) => failure.part === 'apps') ? ' that could be read' : ''}.</p>
        ) : narrow ? (
          <ul class="app-cards">
            {board.rows.map((row) => (
              <AppCard key={row.id} row={row} views={views} {...props} />
            ))}
          </ul>
        ) : (
          <AppTable views={views} {...props} />
        )}
      </section>
      <TenantProblems problems={board.problems} />
    </>
  );
}

/** The board in one sentence: under its heading, and announced when a read ends. */
export function countWords(board: TenantBoard, warnDays: number): string {
  const { counts } = board;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(counts.apps, 'app')}: ${counts.stopped} stopped launching, ${counts.within} stop within ${warnDays} days, ${counts.ok} keep launching, ${counts.unknown} unknown; ${plural(counts.configurations, 'iOS app provisioning profile')} in Intune.`;
}

type RowProps = BoardProps & { views: ReadonlyMap<string, ConfigurationView> };

function AppTable(props: RowProps) {
  return (
    <div class="table-scroll">
      <table class="plain tenant-table">
        <caption class="visually-hidden">iOS line-of-business apps in Intune, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col" class="col-status">Status</th>
            <th scope="col" class="col-app">App</th>
            <th scope="col" class="col-profiles">Provisioning profiles in Intune</th>
            <th scope="col" class="col-assigned">App assigned to</th>
            <th scope="col" class="col-until">Stops launching</th>
            <th scope="col">What to do</th>
          </tr>
        </thead>
        <tbody>
          {props.board.rows.map((row) => (
            <tr key={row.id} data-id={row.id}>
              <td>
                <LaunchBadge state={row.state} />
              </td>
              <th scope="row">
                <AppIdentity row={row} />
                <AppCheck row={row} apps={props.apps} />
              </th>
              <td>
                <CoveringList row={row} views={props.views} />
              </td>
              <td>
                <TargetList targets={row.targets} />
              </td>
              <td>
                <StopsLaunching row={row} now={props.now} />
              </td>
              <td>
                <RowAction row={row} write={props.write} onAct={props.onAct} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AppCard({ row, ...props }: RowProps & { row: TenantAppRow }) {
  return (
    <li class="card app-card" data-id={row.id}>
      <p class="app-card-head">
        <LaunchBadge state={row.state} /> <StopsLaunching row={row} now={props.now} />
      </p>
      <h3 class="app-card-title">
        <AppIdentity row={row} />
      </h3>
      <dl class="facts">
        <dt>Provisioning profiles in Intune</dt>
        <dd>
          <CoveringList row={row} views={props.views} />
        </dd>
        <dt>App assigned to</dt>
        <dd>
          <TargetList targets={row.targets} />
        </dd>
        <dt>App check</dt>
        <dd>
          <AppCheck row={row} apps={props.apps} />
        </dd>
        <dt>What to do</dt>
        <dd>
          <RowAction row={row} write={props.write} onAct={props.onAct} />
        </dd>
      </dl>
    </li>
  );
}

/** The full app check where the library holds the app's .ipa; else the certificate is unknown, and Import adds it. */
function AppCheck({ row, apps }: { row: TenantAppRow; apps: readonly StoredApp[] }) {
  if (!row.libraryApp) {
    return (
      <span class="muted app-check">
        Signing certificate unknown: <a href="#/import">import the app's .ipa</a> to check it.
      </span>
    );
  }
  const stored = apps.find((app) => app.id === row.libraryApp?.id);
  const bundles = stored?.result.app?.bundles ?? [];
  return (
    <details class="app-check">
      <summary>
        App check ({row.libraryApp.fileName}): {row.libraryApp.check.canKeepAlive ? 'Intune can keep it launching' : 'Intune cannot keep it launching'}
      </summary>
      <p>{row.libraryApp.check.action}</p>
      {bundles.map((bundle) => (
        <BundleChecks key={bundle.path} bundle={bundle} />
      ))}
    </details>
  );
}

function RowAction({ row, write, onAct }: { row: TenantAppRow; write: WriteAccess; onAct(row: TenantAppRow, action: ActionKind): void }) {
  const kind = row.action.kind === 'push' || row.action.kind === 'renew-in-place' ? row.action.kind : null;
  const noteId = `write-note-${row.id}`;
  return (
    <span class="stack row-action">
      <span>{row.action.message}</span>
      {kind && row.action.profileId && (
        <span class="row-actions">
          <button type="button" class="small" disabled={!write.allowed} aria-describedby={write.allowed ? undefined : noteId} onClick={() => onAct(row, kind)}>
            {ACTION_NAME[kind]}
            <span class="visually-hidden">{` ${row.name}`}</span>
          </button>
          {!write.allowed && (
            <span id={noteId} class="muted">
              {write.reason}{' '}
              {write.ask && (
                <button type="button" class="small secondary" onClick={write.ask}>
                  Ask for write access
                </button>
              )}
            </span>
          )}
        </span>
      )}
      {row.problems.length > 0 && (
        // Folded: the action already says what matters most; the notes say why, for whoever wants them.
        <details class="row-problems">
          <summary>{row.problems.length === 1 ? '1 note' : `${row.problems.length} notes`}</summary>
          <ul>
            {row.problems.map((problem, index) => (
              <li key={`${problem.code}:${index}`}>{problem.message}</li>
            ))}
          </ul>
        </details>
      )}
    </span>
  );
}

function TenantProblems({ problems }: { problems: readonly TenantProblem[] }) {
  return (
    <section aria-labelledby="problems-title" class="tenant-problems">
      <h2 id="problems-title">Across the tenant</h2>
      {problems.length === 0 ? (
        <p>No configuration stands out: each covers an app, none that is assigned is tampered, unsigned or expired, and no App ID has two.</p>
      ) : (
        <ul class="findings">
          {problems.map((problem, index) => (
            <li key={`${problem.code}:${problem.configurationId ?? problem.appId ?? index}`} class={`finding finding-${problem.severity}`}>
              <p>{problem.message}</p>
              <p class="fix">{problem.fix}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
