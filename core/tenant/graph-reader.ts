// Reads what the tenant board needs from an Intune tenant, part by part, each failure named and the rest still read.
// Shapes as Microsoft Learn documents them (Graph beta): iosLobAppProvisioningConfiguration (payload, payloadFileName,
// expirationDateTime, roleScopeTagIds, version, assignments), iosLobApp (bundleId, versionNumber, buildNumber,
// expirationDateTime, publishingState, roleScopeTagIds, assignments with intent), the assignment targets
// (groupAssignmentTarget and exclusionGroupAssignmentTarget with groupId, allDevicesAssignmentTarget,
// allLicensedUsersAssignmentTarget; any of them with deviceAndAppManagementAssignmentFilterId/-Type),
// managedDeviceMobileAppConfigurationDeviceStatus / -UserStatus (status: complianceStatus), roleScopeTag and group.
// Property names are checked against ../shared/graph/beta-intune-types.json in the tests. Where Graph leaves a
// property out of a list (some Intune lists omit large properties or relationships), the one object is read instead.
import { ProvlensError } from '../errors';
import { batch, graphCall, failureFor, pages, type GraphCall } from './graph-client';
import { graphUrls } from './graph-requests';
import type {
  Assignment,
  AssignmentTarget,
  DeploymentStatus,
  GraphConfiguration,
  GraphConnection,
  GraphIosApp,
  ReadFailure,
  ReadTenantOptions,
  StatusCounts,
  TargetKind,
  TenantSnapshot,
} from './types';

/** Status reads in flight at once: enough to be quick, few enough not to be throttled for it. */
const STATUS_CONCURRENCY = 4;

/** The whole snapshot; throws only graph-unauthorized (and an abort). Every other failure lands in `failures`. */
export async function readTenant(connection: GraphConnection, options: ReadTenantOptions = {}): Promise<TenantSnapshot> {
  const failures: ReadFailure[] = [];
  const configurations = await readConfigurations(connection, failures);
  const apps = await readApps(connection, failures);
  const scopeTags = await readScopeTags(connection, failures);
  const groups = await readGroups(connection, [...configurations, ...apps], failures);
  if (options.statuses !== false) await readAllStatuses(connection, configurations, failures);
  return { cloud: connection.cloud, readAt: (connection.now?.() ?? new Date()).toISOString(), configurations, apps, groups, scopeTags, failures };
}

/** One configuration again (after an action), with its statuses; throws graph-failed with the ReadFailure as cause. */
export async function readConfiguration(connection: GraphConnection, id: string): Promise<GraphConfiguration> {
  const outcome = await graphCall(connection, { method: 'GET', url: graphUrls.configuration(connection.cloud, id), part: 'configuration', subject: id });
  if (!outcome.ok) throw new ProvlensError('graph-failed', outcome.failure.message, { cause: outcome.failure });
  const configuration = toConfiguration(outcome.body);
  if (!configuration) throw new ProvlensError('graph-failed', `Graph's answer for configuration ${id} has no id`);
  await readStatuses(connection, configuration, []);
  return configuration;
}

// ---- configurations ----

async function readConfigurations(connection: GraphConnection, failures: ReadFailure[]): Promise<GraphConfiguration[]> {
  const listed = await pages(connection, { url: graphUrls.configurations(connection.cloud), part: 'configurations' });
  if (!listed.ok) failures.push(listed.failure);
  const configurations: GraphConfiguration[] = [];
  for (const raw of listed.items) {
    const configuration = toConfiguration(raw);
    if (!configuration) continue;
    const complete = 'payload' in (raw as object) && 'assignments' in (raw as object);
    configurations.push(complete ? configuration : await readOne(connection, configuration, failures));
  }
  return configurations;
}

async function readOne(connection: GraphConnection, listed: GraphConfiguration, failures: ReadFailure[]): Promise<GraphConfiguration> {
  const outcome = await graphCall(connection, { method: 'GET', url: graphUrls.configuration(connection.cloud, listed.id), part: 'configuration', subject: listed.id });
  if (!outcome.ok) {
    failures.push(outcome.failure);
    return listed;
  }
  return toConfiguration(outcome.body) ?? listed;
}

function toConfiguration(raw: unknown): GraphConfiguration | null {
  const object = record(raw);
  const id = text(object.id);
  if (!id) return null;
  return {
    id,
    displayName: text(object.displayName),
    description: text(object.description),
    payloadFileName: text(object.payloadFileName),
    payload: text(object.payload),
    expirationDateTime: dateTime(object.expirationDateTime),
    roleScopeTagIds: texts(object.roleScopeTagIds),
    createdDateTime: dateTime(object.createdDateTime),
    lastModifiedDateTime: dateTime(object.lastModifiedDateTime),
    version: typeof object.version === 'number' ? object.version : null,
    assignments: toAssignments(object.assignments),
    deviceStatuses: null,
    userStatuses: null,
  };
}

// ---- apps ----

async function readApps(connection: GraphConnection, failures: ReadFailure[]): Promise<GraphIosApp[]> {
  const listed = await pages(connection, { url: graphUrls.iosLobApps(connection.cloud), part: 'apps' });
  if (!listed.ok) failures.push(listed.failure);
  const apps: GraphIosApp[] = [];
  for (const raw of listed.items) {
    const app = toApp(raw);
    if (!app) continue;
    if (!('assignments' in (raw as object))) {
      const assigned = await pages(connection, { url: graphUrls.appAssignments(connection.cloud, app.id), part: 'apps', subject: app.id });
      if (!assigned.ok) failures.push(assigned.failure);
      app.assignments = toAssignments(assigned.items);
    }
    apps.push(app);
  }
  return apps;
}

function toApp(raw: unknown): GraphIosApp | null {
  const object = record(raw);
  const id = text(object.id);
  if (!id) return null;
  return {
    id,
    displayName: text(object.displayName),
    bundleId: text(object.bundleId),
    versionNumber: text(object.versionNumber),
    buildNumber: text(object.buildNumber),
    expirationDateTime: dateTime(object.expirationDateTime),
    roleScopeTagIds: texts(object.roleScopeTagIds),
    publishingState: text(object.publishingState),
    assignments: toAssignments(object.assignments),
  };
}

// ---- assignments ----

const TARGET_KINDS: Readonly<Record<string, TargetKind>> = {
  '#microsoft.graph.groupAssignmentTarget': 'include',
  '#microsoft.graph.exclusionGroupAssignmentTarget': 'exclude',
  '#microsoft.graph.allDevicesAssignmentTarget': 'all-devices',
  '#microsoft.graph.allLicensedUsersAssignmentTarget': 'all-users',
};

function toAssignments(raw: unknown): Assignment[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): Assignment[] => {
    const object = record(item);
    const target = toTarget(object.target);
    return target ? [{ id: text(object.id), target, intent: text(object.intent) }] : [];
  });
}

function toTarget(raw: unknown): AssignmentTarget | null {
  const object = record(raw);
  const odataType = text(object['@odata.type']);
  if (!odataType) return null;
  // Graph writes the type with its leading '#'; a body written by hand may leave it out.
  const kind = TARGET_KINDS[odataType.startsWith('#') ? odataType : `#${odataType}`] ?? 'other';
  const groupId = kind === 'include' || kind === 'exclude' ? text(object.groupId) : null;
  const filterType = text(object.deviceAndAppManagementAssignmentFilterType);
  return {
    kind,
    groupId,
    odataType,
    filterId: text(object.deviceAndAppManagementAssignmentFilterId),
    filterType: filterType === 'include' || filterType === 'exclude' || filterType === 'none' ? filterType : null,
  };
}

// ---- scope tags and groups ----

async function readScopeTags(connection: GraphConnection, failures: ReadFailure[]): Promise<Record<string, string>> {
  const listed = await pages(connection, { url: graphUrls.scopeTags(connection.cloud), part: 'scope-tags' });
  if (!listed.ok) failures.push(listed.failure);
  return namesOf(listed.items);
}

async function readGroups(connection: GraphConnection, holders: readonly { assignments: Assignment[] }[], failures: ReadFailure[]): Promise<Record<string, string>> {
  const ids = new Map<string, string>();
  for (const holder of holders) {
    for (const { target } of holder.assignments) if (target.groupId && !ids.has(target.groupId.toLowerCase())) ids.set(target.groupId.toLowerCase(), target.groupId);
  }
  if (ids.size === 0) return {};
  // Batch ids must be unique and short; the position in the list does it.
  const items = [...ids.values()].map((id, index) => ({ id: String(index + 1), url: graphUrls.group(id), groupId: id }));
  const outcome = await batch(connection, items, 'groups');
  if (outcome.failure) failures.push(outcome.failure);
  const names: Record<string, string> = {};
  let forbidden = false;
  for (const item of items) {
    const answer = outcome.answers.get(item.id);
    if (!answer) continue;
    const name = text(record(answer.body).displayName);
    if (answer.status >= 200 && answer.status < 300 && name) {
      names[item.groupId] = name;
      continue;
    }
    if (answer.status >= 200 && answer.status < 300) continue;
    // One 403 says it for every group: the same scope or role is missing for all of them.
    if (answer.status === 403 && forbidden) continue;
    forbidden ||= answer.status === 403;
    const call: GraphCall = { method: 'GET', url: graphUrls.batch(connection.cloud).replace(/\$batch$/, '') + item.url.slice(1), part: 'groups', subject: answer.status === 403 ? null : item.groupId };
    failures.push(failureFor(connection, call, answer.status, answer.body, answer.throttle));
  }
  return names;
}

function namesOf(items: readonly unknown[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const item of items) {
    const object = record(item);
    const id = text(object.id);
    const name = text(object.displayName);
    if (id && name) names[id] = name;
  }
  return names;
}

// ---- deployment statuses ----

const STATUSES: readonly DeploymentStatus[] = ['compliant', 'conflict', 'error', 'nonCompliant', 'notApplicable', 'notAssigned', 'remediated', 'unknown'];

async function readAllStatuses(connection: GraphConnection, configurations: GraphConfiguration[], failures: ReadFailure[]): Promise<void> {
  const found: ReadFailure[] = [];
  const queue = [...configurations];
  // A 403 or a network failure would repeat for every configuration: stop asking, and say it once.
  const blocked = () => found.some((failure) => failure.code === 'forbidden' || failure.code === 'network');
  const worker = async () => {
    for (let next = queue.shift(); next && !blocked(); next = queue.shift()) await readStatuses(connection, next, found);
  };
  await Promise.all(Array.from({ length: Math.min(STATUS_CONCURRENCY, queue.length) }, worker));
  const said = new Set<string>();
  for (const failure of found) {
    const repeated = failure.code === 'forbidden' || failure.code === 'network';
    if (repeated && said.has(failure.code)) continue;
    said.add(failure.code);
    failures.push(repeated ? { ...failure, subject: null } : failure);
  }
}

async function readStatuses(connection: GraphConnection, configuration: GraphConfiguration, failures: ReadFailure[]): Promise<void> {
  const subject = configuration.id;
  const devices = await pages(connection, { url: graphUrls.deviceStatuses(connection.cloud, subject), part: 'statuses', subject });
  if (!devices.ok) failures.push(devices.failure);
  configuration.deviceStatuses = devices.ok ? countStatuses(devices.items) : null;
  if (!devices.ok && (devices.failure.code === 'forbidden' || devices.failure.code === 'network')) return;
  const users = await pages(connection, { url: graphUrls.userStatuses(connection.cloud, subject), part: 'statuses', subject });
  if (!users.ok) failures.push(users.failure);
  configuration.userStatuses = users.ok ? countStatuses(users.items) : null;
}

/** Counts by complianceStatus; a value Graph adds later is counted as unknown rather than dropped. */
export function countStatuses(items: readonly unknown[]): StatusCounts {
  const byStatus: StatusCounts['byStatus'] = {};
  for (const item of items) {
    const raw = record(item).status;
    const status = STATUSES.find((known) => known === raw) ?? 'unknown';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return { total: items.length, byStatus };
}

// ---- JSON values ----

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

// Intune writes DateTimeOffset values with offsets and seven fractional digits, and 0001-01-01 for "not set".
function dateTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  if (Number.isNaN(time) || time < Date.UTC(1971, 0, 1)) return null;
  return new Date(time).toISOString();
}
