// The tenant board (issue 18): one row per iOS line-of-business app in Intune, most urgent first, each with the
// configurations that cover it, when it stops launching and what to do; the configurations judged on their own; the
// problems; and the exit code a nightly job alerts on. Pure: the snapshot (graph-reader.ts), the decoded payloads
// (payloads.ts) and the library come in, plain data goes out, so the web's #/tenant and `provlens tenant` agree.
import { DEFAULT_WARN_DAYS } from '../profile/findings';
import { chooseAction } from './board-action';
import { covers, judgeApp, type AppContext } from './board-app';
import { appProblems } from './board-app-problems';
import { DEAD_STATUSES, configurationProblems, configurationView } from './board-configurations';
import type { LaunchState, TenantAppRow, TenantBoard, TenantBoardInput } from './types';

export interface BoardOptions {
  now: Date;
  /** Days before the end that count as "within the window" (default 30, Intune's own notice). */
  warnDays?: number;
}

export function tenantBoard(input: TenantBoardInput, options: BoardOptions): TenantBoard {
  const judging = { now: options.now, warnDays: options.warnDays ?? DEFAULT_WARN_DAYS };
  const { snapshot } = input;
  const views = snapshot.configurations.map((configuration) => configurationView(configuration, input.payloads[configuration.id], snapshot, judging));
  const context: AppContext = { ...judging, input, views };
  const judged = snapshot.apps.map((app) => judgeApp(app, context));
  for (const view of views) view.covers = judged.filter(({ app, team }) => app.bundleId !== null && covers(view, app.bundleId, team)).map(({ app }) => app.id);
  const rows: TenantAppRow[] = judged.map((entry) => {
    const action = chooseAction(entry, context);
    return { ...entry.row, action, problems: appProblems(entry, action, context) };
  });
  rows.sort(byUrgency);
  const appNames = new Map(rows.map((row) => [row.id, row.name]));
  const appsRead = !snapshot.failures.some((failure) => failure.part === 'apps');
  const count = (state: LaunchState) => rows.filter((row) => row.state === state).length;
  const counts = { apps: rows.length, stopped: count('stopped'), within: count('within'), ok: count('ok'), unknown: count('unknown'), configurations: views.length };
  const deadAndAssigned = views.some((view) => view.assigned && view.verdict !== null && DEAD_STATUSES.has(view.verdict.status));
  const unread = snapshot.failures.some((failure) => failure.part === 'configurations' || failure.part === 'apps');
  return {
    cloud: snapshot.cloud,
    readAt: snapshot.readAt,
    rows,
    configurations: views,
    problems: configurationProblems(views, appNames, appsRead, judging),
    failures: snapshot.failures,
    counts,
    exitCode: counts.stopped > 0 || deadAndAssigned || unread ? 2 : counts.within > 0 ? 1 : 0,
  };
}

const STATE_RANK: Readonly<Record<LaunchState, number>> = { stopped: 0, within: 1, unknown: 2, ok: 3 };

/** Stopped, then within the window (fewest days first), then unknown, then OK; the soonest end first within each. */
export function byUrgency(a: TenantAppRow, b: TenantAppRow): number {
  return STATE_RANK[a.state] - STATE_RANK[b.state] || time(a.stopsLaunchingOn) - time(b.stopsLaunchingOn) || a.name.localeCompare(b.name);
}

function time(iso: string | null): number {
  const value = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}
