// Pieces of the tenant board that its table (desktop) and its cards (phones) share, so both word the same facts the
// same way: the app, its launch state, the configurations that cover it with their live verdicts, where they and
// the app are assigned, what reached the devices, and when the app stops launching.
import type { ConfigurationView, CoveringConfiguration, GroupRef, LaunchState, StatusCounts, Targets, TenantAppRow } from '../../../core/tenant/types';
import { DateText, DaysLeft } from '../../components/DateText';
import { StatusBadge } from '../../components/StatusBadge';
import type { ProfileStatus } from '../../library-model';

/** The row's state as a badge: the library's symbols and colours, in words about launching. */
const LAUNCH_BADGE: Readonly<Record<LaunchState, { status: ProfileStatus; label: string }>> = {
  stopped: { status: 'expired', label: 'Stopped launching' },
  within: { status: 'expiring', label: 'Stops soon' },
  unknown: { status: 'unsigned', label: 'Unknown' },
  ok: { status: 'ok', label: 'Keeps launching' },
};

export function LaunchBadge({ state }: { state: LaunchState }) {
  const { status, label } = LAUNCH_BADGE[state];
  return <StatusBadge status={status} label={label} />;
}

export function AppIdentity({ row }: { row: TenantAppRow }) {
  const version = row.version ? `version ${row.version}${row.build ? ` (${row.build})` : ''}` : null;
  return (
    <span class="stack">
      <span class="app-name">{row.name}</span>
      <span class="mono app-bundle-id">{row.bundleId ?? 'no bundle ID'}</span>
      {version && <span class="app-version">{version}</span>}
    </span>
  );
}

/** "15 Jan 2027, 10:30 CET (40 days left)", and why: the app's own profile, a pushed one or its certificate. */
export function StopsLaunching({ row, now }: { row: TenantAppRow; now: Date }) {
  if (!row.stopsLaunchingOn) return <span class="muted">unknown</span>;
  const ended = Date.parse(row.stopsLaunchingOn) <= now.getTime();
  return (
    <span class="stack">
      <span class="launches">
        <DateText iso={row.stopsLaunchingOn} />{' '}
        <span class="days">
          (<DaysLeft days={row.daysLeft} ended={ended} />)
        </span>
      </span>
      {row.stopsLaunchingBecause && <span class="muted">{BECAUSE[row.stopsLaunchingBecause]}</span>}
      {!row.certificate.known && <span class="muted">signing certificate unknown</span>}
    </span>
  );
}

const BECAUSE: Readonly<Record<NonNullable<TenantAppRow['stopsLaunchingBecause']>, string>> = {
  'embedded-profile': 'when the profile inside the uploaded .ipa expires',
  'pushed-profile': 'when the profile Intune pushes expires',
  certificate: 'when its signing certificate expires',
};

function groupLabel(group: GroupRef): string {
  return group.name ?? `group ${group.id}`;
}

/** Include and exclude lists of an assignment; "not assigned" when there is none. */
export function TargetList({ targets }: { targets: Targets }) {
  const include = [...(targets.allDevices ? ['All devices'] : []), ...(targets.allUsers ? ['All users'] : []), ...targets.include.map(groupLabel)];
  if (include.length === 0 && targets.exclude.length === 0) return <span class="muted">not assigned</span>;
  return (
    <span class="stack targets">
      {include.length > 0 && <span>Included: {include.join(', ')}</span>}
      {targets.exclude.length > 0 && <span>Excluded: {targets.exclude.map(groupLabel).join(', ')}</span>}
      {targets.filtered && <span class="muted">an assignment filter narrows this (not evaluated here)</span>}
    </span>
  );
}

/** Deployment statuses as Intune's portal groups them: succeeded, failed, pending. */
export function DeploymentCounts({ counts, what }: { counts: StatusCounts | null; what: string }) {
  if (!counts) return <span class="muted">{what}: not read</span>;
  if (counts.total === 0) return <span class="muted">{what}: none reported</span>;
  const n = (...statuses: (keyof StatusCounts['byStatus'])[]) => statuses.reduce((sum, status) => sum + (counts.byStatus[status] ?? 0), 0);
  const parts = [
    `${n('compliant', 'remediated')} succeeded`,
    `${n('error', 'nonCompliant', 'conflict')} failed`,
    `${n('unknown', 'notAssigned')} pending`,
    ...(n('notApplicable') > 0 ? [`${n('notApplicable')} not applicable`] : []),
  ];
  return (
    <span>
      {what}: {parts.join(', ')}
    </span>
  );
}

/** One configuration as it bears on one app: its name, live status word, whether Intune can use it, how far it
 *  reaches the app's groups, its own assignments and deployment counts. */
export function CoveringItem({ covering, view }: { covering: CoveringConfiguration; view: ConfigurationView | undefined }) {
  const name = view?.displayName ?? covering.configurationId;
  return (
    <li class="covering">
      <span class="stack">
        <span>
          <StatusBadge status={covering.status} /> <span class="configuration-name">{name}</span>
        </span>
        <span>{covering.usable ? 'Intune can use it' : `Intune cannot use it${reasons(view)}`}</span>
        <span>{REACHES[covering.reaches]}</span>
        {covering.missingGroups.length > 0 && <span>Does not reach: {covering.missingGroups.map(groupLabel).join(', ')}</span>}
        {covering.excludedGroups.length > 0 && <span>Excludes: {covering.excludedGroups.map(groupLabel).join(', ')}</span>}
        {view && <TargetList targets={view.targets} />}
        {view && <DeploymentCounts counts={view.deviceStatuses} what="Devices" />}
      </span>
    </li>
  );
}

const REACHES: Readonly<Record<CoveringConfiguration['reaches'], string>> = {
  all: "Reaches every group that has the app",
  some: "Reaches some of the app's groups",
  none: "Reaches none of the app's groups",
};

function reasons(view: ConfigurationView | undefined): string {
  const list = view?.verdict?.reasonsNotUsable.map((reason) => reason.message) ?? (view?.payloadError ? [view.payloadError.message] : []);
  return list.length > 0 ? `: ${list.join(' ')}` : '';
}

export function CoveringList({ row, views }: { row: TenantAppRow; views: ReadonlyMap<string, ConfigurationView> }) {
  if (row.configurations.length === 0) return <span class="muted">none covers this app</span>;
  return (
    <ul class="coverings">
      {row.configurations.map((covering) => (
        <CoveringItem key={covering.configurationId} covering={covering} view={views.get(covering.configurationId)} />
      ))}
    </ul>
  );
}
