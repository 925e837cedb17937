// The Graph resources the tenant board reads and writes, answered from a StoredTenant the way Microsoft Learn documents
// them: collections as { @odata.context, value, @odata.nextLink } with small pages so paging really happens;
// $select / $expand / $filter / $top / $skiptoken as OData defines them (an unknown name is a 400, as Graph's OData
// layer answers); writes as the create (201 + the entity), assign action (204) and update (PATCH: Learn says 200 with
// the entity, live Intune is widely reported to answer 204 — both are offered) pages say. Permissions per page.
import { randomUUID } from 'node:crypto';
import { ASSIGN_ACTION, propertyNames, unknownActionParameters, unknownProperties } from './graph-types';
import {
  appAssignmentJson,
  appJson,
  configurationAssignmentJson,
  configurationJson,
  deviceStatusJson,
  groupJson,
  newId,
  scopeTagJson,
  storedTarget,
  userStatusJson,
  type StoredConfiguration,
  type StoredTenant,
} from './tenant';

export interface GraphCall {
  method: string;
  /** 'beta' or 'v1.0'. */
  version: string;
  /** The path after the version, e.g. /deviceAppManagement/mobileApps. */
  path: string;
  /** The query string as sent, without '?'. */
  rawQuery: string;
  body: unknown;
  scopes: readonly string[];
  /** https://graph.microsoft.com (from the Host the client used). */
  root: string;
}

export interface GraphAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RouteOptions {
  pageSize: number;
  patchAnswer: 'no-content' | 'entity';
  now: () => Date;
  /** A request the stand-in refuses because a real client must not send it (unknown property, route, option). */
  violation: (message: string) => void;
}

type Json = Record<string, unknown>;

const APPS_READ = ['DeviceManagementApps.Read.All', 'DeviceManagementApps.ReadWrite.All'];
const APPS_WRITE = ['DeviceManagementApps.ReadWrite.All'];
const RBAC_READ = ['DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All', 'DeviceManagementRBAC.Read.All', 'DeviceManagementRBAC.ReadWrite.All'];
const GROUP_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];

export function graphError(status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): GraphAnswer {
  const innerError = { date: new Date().toISOString().slice(0, 19), 'request-id': randomUUID(), 'client-request-id': randomUUID() };
  return { status, headers: extraHeaders, body: { error: { code, message, innerError } } };
}

/** Intune's services wrap their own JSON in error.message; this is the shape admins see from Graph for a missing scope. */
function intuneForbidden(scopes: readonly string[], path: string): GraphAnswer {
  const message = {
    _version: 3,
    Message: `Application is not authorized to perform this operation. Application must have one of the following scopes: ${scopes.join(', ')} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${randomUUID()} - Url: https://fef.msub02.manage.microsoft.com/StatelessIntuneService${path}?api-version=5023-05-01`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  };
  return graphError(403, 'Forbidden', JSON.stringify(message, null, 2).replace(/\n/g, '\r\n'));
}

function denied(call: GraphCall, allowed: readonly string[], directory = false): GraphAnswer | null {
  if (allowed.some((scope) => call.scopes.includes(scope))) return null;
  return directory ? graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') : intuneForbidden(allowed, call.path);
}

interface Query {
  select: string[] | null;
  expand: string[];
  filter: string | null;
  top: number | null;
  skip: number;
}

const KNOWN_OPTIONS = new Set(['$select', '$expand', '$filter', '$top', '$skiptoken']);

function parseQuery(call: GraphCall, options: RouteOptions): Query | GraphAnswer {
  const params = new URLSearchParams(call.rawQuery);
  for (const key of params.keys()) {
    if (key.startsWith('$') && !KNOWN_OPTIONS.has(key)) {
      options.violation(`${where(call)}: query option ${key} is not one the stand-in serves`);
      return graphError(400, 'BadRequest', `Query option '${key}' is not supported by the stand-in.`);
    }
  }
  const list = (name: string) => params.get(name)?.split(',').map((part) => part.trim()).filter(Boolean) ?? null;
  const top = params.get('$top');
  const skiptoken = params.get('$skiptoken');
  let skip = 0;
  if (skiptoken) {
    try {
      skip = (JSON.parse(Buffer.from(skiptoken, 'base64url').toString('utf8')) as { o: number }).o;
    } catch {
      options.violation(`${where(call)}: a $skiptoken the stand-in did not hand out`);
      return graphError(400, 'BadRequest', 'The $skiptoken is invalid.');
    }
  }
  return { select: list('$select'), expand: list('$expand') ?? [], filter: params.get('$filter'), top: top === null ? null : Number(top), skip };
}

/** How a violation names the request. */
function where(call: GraphCall): string {
  return `${call.method} /${call.version}${call.path}`;
}

function isAnswer(value: Query | GraphAnswer): value is GraphAnswer {
  return 'status' in value;
}

/** $select and $expand names must exist on the collection's type (OData: "Could not find a property named …"). */
function checkNames(call: GraphCall, query: Query, type: string, expandable: readonly string[], options: RouteOptions): GraphAnswer | null {
  const names = propertyNames(type);
  for (const name of query.select ?? []) {
    const cast = /^microsoft\.graph\.([A-Za-z]+)\/([A-Za-z]+)$/.exec(name);
    const known = cast ? propertyNames(cast[1] ?? '').has(cast[2] ?? '') : names.has(name);
    if (!known) {
      options.violation(`${where(call)}: $select=${name} is not a property of ${type}`);
      return graphError(400, 'BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`);
    }
  }
  for (const name of query.expand) {
    if (!expandable.includes(name)) {
      options.violation(`${where(call)}: $expand=${name} is not a navigation property the stand-in serves on ${type}`);
      return graphError(400, 'BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`);
    }
  }
  return null;
}

function selected(item: Json, select: string[] | null): Json {
  if (!select) return item;
  const keep = new Set(['@odata.type', 'id', ...select.map((name) => name.split('/').pop() ?? name)]);
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key) || key.includes('@odata.')));
}

function context(call: GraphCall, what: string): string {
  return `${call.root}/${call.version}/$metadata#${what}`;
}

/** One page of a collection, with @odata.nextLink when more remain (the client's own query, plus a $skiptoken). */
function page(call: GraphCall, query: Query, items: Json[], contextWhat: string, options: RouteOptions): GraphAnswer {
  const size = Math.min(options.pageSize, query.top ?? options.pageSize);
  const slice = items.slice(query.skip, query.skip + size);
  const body: Json = { '@odata.context': context(call, contextWhat) };
  if (query.skip + size < items.length) {
    const rest = call.rawQuery.split('&').filter((part) => part && !part.startsWith('$skiptoken=') && !part.startsWith('%24skiptoken='));
    const token = Buffer.from(JSON.stringify({ o: query.skip + size })).toString('base64url');
    body['@odata.nextLink'] = `${call.root}/${call.version}${call.path}?${[...rest, `$skiptoken=${token}`].join('&')}`;
  }
  body.value = slice;
  return { status: 200, body };
}

function withSelectContext(what: string, query: Query): string {
  const parts = [...(query.select ?? []), ...query.expand.map((name) => `${name}()`)];
  return parts.length > 0 ? `${what}(${parts.join(',')})` : what;
}

function configurationItem(call: GraphCall, configuration: StoredConfiguration, query: Query): Json {
  const item = selected(configurationJson(configuration), query.select);
  const base = `${call.root}/${call.version}/$metadata#deviceAppManagement/iosLobAppProvisioningConfigurations('${configuration.id}')`;
  if (query.expand.includes('assignments')) {
    item['assignments@odata.context'] = `${base}/assignments`;
    item.assignments = configuration.assignments.map(configurationAssignmentJson);
  }
  if (query.expand.includes('deviceStatuses')) {
    item['deviceStatuses@odata.context'] = `${base}/deviceStatuses`;
    item.deviceStatuses = configuration.deviceStatuses.map((status, index) => deviceStatusJson(configuration.id, status, index));
  }
  if (query.expand.includes('userStatuses')) {
    item['userStatuses@odata.context'] = `${base}/userStatuses`;
    item.userStatuses = configuration.userStatuses.map((status, index) => userStatusJson(configuration.id, status, index));
  }
  return item;
}

const CONFIGURATION_EXPANDS = ['assignments', 'deviceStatuses', 'userStatuses'];
const IOS_LOB_FILTER = /^isof\(\s*'microsoft\.graph\.iosLobApp'\s*\)$/;

export function routeCall(call: GraphCall, tenant: StoredTenant, options: RouteOptions): GraphAnswer {
  const segments = call.path.split('/').filter(Boolean);
  const [first, second, id, child] = segments;
  const unknownRoute = () => {
    options.violation(`${where(call)}: no such Graph route in the stand-in`);
    return graphError(400, 'BadRequest', `Resource not found for the segment '${segments.at(-1) ?? ''}'.`);
  };

  if (first === 'deviceAppManagement' && second === 'iosLobAppProvisioningConfigurations') {
    // "The configuration entity exists only in beta" (not in v1.0's metadata).
    if (call.version !== 'beta') return unknownRoute();
    return configurationsRoute(call, tenant, options, id, child, segments.length);
  }
  if (first === 'deviceAppManagement' && second === 'mobileApps') return mobileAppsRoute(call, tenant, options, segments.slice(2));
  if (first === 'deviceManagement' && second === 'roleScopeTags' && segments.length === 2 && call.version === 'beta') {
    if (call.method !== 'GET') return unknownRoute();
    const refused = denied(call, RBAC_READ);
    if (refused) return refused;
    const query = parseQuery(call, options);
    if (isAnswer(query)) return query;
    const bad = checkNames(call, query, 'roleScopeTag', [], options);
    if (bad) return bad;
    return page(call, query, tenant.scopeTags.map((tag) => selected(scopeTagJson(tag), query.select)), withSelectContext('deviceManagement/roleScopeTags', query), options);
  }
  if (first === 'groups' && second && segments.length === 2) {
    if (call.method !== 'GET') return unknownRoute();
    const refused = denied(call, GROUP_READ, true);
    if (refused) return refused;
    const query = parseQuery(call, options);
    if (isAnswer(query)) return query;
    const bad = checkNames(call, query, 'group', [], options);
    if (bad) return bad;
    const name = tenant.groups[second];
    if (name === undefined) {
      return graphError(404, 'Request_ResourceNotFound', `Resource '${second}' does not exist or one of its queried reference-property objects are not present.`);
    }
    const entity = query.select ? Object.fromEntries(Object.entries(groupJson(second, name)).filter(([key]) => key === 'id' || query.select?.includes(key))) : groupJson(second, name);
    return { status: 200, body: { '@odata.context': context(call, `${withSelectContext('groups', query)}/$entity`), ...entity } };
  }
  return unknownRoute();
}

function configurationsRoute(call: GraphCall, tenant: StoredTenant, options: RouteOptions, id: string | undefined, child: string | undefined, depth: number): GraphAnswer {
  const reading = call.method === 'GET';
  const refused = denied(call, reading ? APPS_READ : APPS_WRITE);
  if (refused) return refused;
  const notFound = () => graphError(404, 'ResourceNotFound', `{"_version":3,"Message":"No such iosLobAppProvisioningConfiguration: ${id ?? ''}"}`);

  if (depth === 2 && call.method === 'GET') {
    const query = parseQuery(call, options);
    if (isAnswer(query)) return query;
    const bad = checkNames(call, query, 'iosLobAppProvisioningConfiguration', CONFIGURATION_EXPANDS, options);
    if (bad) return bad;
    const items = tenant.configurations.map((configuration) => configurationItem(call, configuration, query));
    return page(call, query, items, withSelectContext('deviceAppManagement/iosLobAppProvisioningConfigurations', query), options);
  }
  if (depth === 2 && call.method === 'POST') return createConfiguration(call, tenant, options);

  const configuration = tenant.configurations.find((candidate) => candidate.id === id);
  if (!configuration) return notFound();

  if (depth === 3 && call.method === 'GET') {
    const query = parseQuery(call, options);
    if (isAnswer(query)) return query;
    const bad = checkNames(call, query, 'iosLobAppProvisioningConfiguration', CONFIGURATION_EXPANDS, options);
    if (bad) return bad;
    const what = `deviceAppManagement/iosLobAppProvisioningConfigurations${query.select || query.expand.length ? withSelectContext('', query) : ''}/$entity`;
    return { status: 200, body: { '@odata.context': context(call, what), ...configurationItem(call, configuration, query) } };
  }
  if (depth === 3 && call.method === 'PATCH') return updateConfiguration(call, configuration, options);
  if (depth === 4 && child === 'assign' && call.method === 'POST') return assignConfiguration(call, configuration, options);
  if (depth === 4 && call.method === 'GET' && (child === 'assignments' || child === 'deviceStatuses' || child === 'userStatuses')) {
    const query = parseQuery(call, options);
    if (isAnswer(query)) return query;
    const items =
      child === 'assignments'
        ? configuration.assignments.map(configurationAssignmentJson)
        : child === 'deviceStatuses'
          ? configuration.deviceStatuses.map((status, index) => deviceStatusJson(configuration.id, status, index))
          : configuration.userStatuses.map((status, index) => userStatusJson(configuration.id, status, index));
    const type = child === 'assignments' ? 'iosLobAppProvisioningConfigurationAssignment' : child === 'deviceStatuses' ? 'managedDeviceMobileAppConfigurationDeviceStatus' : 'managedDeviceMobileAppConfigurationUserStatus';
    const bad = checkNames(call, query, type, [], options);
    if (bad) return bad;
    return page(call, query, items.map((item) => selected(item, query.select)), `deviceAppManagement/iosLobAppProvisioningConfigurations('${configuration.id}')/${child}`, options);
  }
  options.violation(`${where(call)}: not a request the configuration pages document`);
  return graphError(405, 'BadRequest', 'The HTTP method is not allowed on this resource.');
}

function bodyProblems(call: GraphCall, options: RouteOptions, problems: string[]): GraphAnswer | null {
  if (problems.length === 0) return null;
  for (const problem of problems) options.violation(`${where(call)} body ${problem}`);
  const first = /\.([A-Za-z@.]+): not a property of (\w+)/.exec(problems[0] ?? '');
  const message = first ? `The property '${first[1]}' does not exist on type 'microsoft.graph.${first[2]}'. Make sure to only use property names that are defined by the type or mark the type as open type.` : (problems[0] ?? 'Invalid request body.');
  return graphError(400, 'BadRequest', message);
}

function isBase64(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0;
}

function createConfiguration(call: GraphCall, tenant: StoredTenant, options: RouteOptions): GraphAnswer {
  const bad = bodyProblems(call, options, unknownProperties(call.body, 'iosLobAppProvisioningConfiguration'));
  if (bad) return bad;
  const body = call.body as Json;
  if (!isBase64(body.payload) || typeof body.payloadFileName !== 'string' || typeof body.displayName !== 'string') {
    return bodyProblems(call, options, ['$: a configuration needs displayName, payloadFileName and a base64 payload']) as GraphAnswer;
  }
  const now = options.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const configuration: StoredConfiguration = {
    id: newId(),
    displayName: body.displayName,
    description: typeof body.description === 'string' ? body.description : '',
    payloadFileName: body.payloadFileName,
    payload: body.payload,
    expirationDateTime: typeof body.expirationDateTime === 'string' ? body.expirationDateTime : '0001-01-01T00:00:00Z',
    roleScopeTagIds: Array.isArray(body.roleScopeTagIds) ? body.roleScopeTagIds.map(String) : ['0'],
    createdDateTime: now,
    lastModifiedDateTime: now,
    version: 1,
    assignments: [],
    deviceStatuses: [],
    userStatuses: [],
  };
  tenant.configurations.push(configuration);
  return { status: 201, body: { '@odata.context': context(call, 'deviceAppManagement/iosLobAppProvisioningConfigurations/$entity'), ...configurationJson(configuration) } };
}

function updateConfiguration(call: GraphCall, configuration: StoredConfiguration, options: RouteOptions): GraphAnswer {
  const bad = bodyProblems(call, options, unknownProperties(call.body, 'iosLobAppProvisioningConfiguration'));
  if (bad) return bad;
  const body = call.body as Json;
  if ('payload' in body && !isBase64(body.payload)) return bodyProblems(call, options, ['$.payload: not base64']) as GraphAnswer;
  for (const key of ['displayName', 'description', 'payloadFileName', 'payload', 'expirationDateTime'] as const) {
    if (typeof body[key] === 'string') configuration[key] = body[key];
  }
  if (Array.isArray(body.roleScopeTagIds)) configuration.roleScopeTagIds = body.roleScopeTagIds.map(String);
  configuration.lastModifiedDateTime = options.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  configuration.version += 1;
  if (options.patchAnswer === 'no-content') return { status: 204 };
  return { status: 200, body: { '@odata.context': context(call, 'deviceAppManagement/iosLobAppProvisioningConfigurations/$entity'), ...configurationJson(configuration) } };
}

function assignConfiguration(call: GraphCall, configuration: StoredConfiguration, options: RouteOptions): GraphAnswer {
  const bad = bodyProblems(call, options, unknownActionParameters(call.body, ASSIGN_ACTION));
  if (bad) return bad;
  const list = (call.body as Json).iOSLobAppProvisioningConfigAssignments;
  const targets = (Array.isArray(list) ? list : []).map((assignment) => storedTarget((assignment as Json).target));
  if (targets.some((target) => target === null)) return bodyProblems(call, options, ['$.iOSLobAppProvisioningConfigAssignments: a target the stand-in does not model']) as GraphAnswer;
  // The action sets the whole list: what was assigned before and is not sent again is unassigned.
  configuration.assignments = targets.map((target) => ({ id: newId(), target: target! }));
  return { status: 204 };
}

function mobileAppsRoute(call: GraphCall, tenant: StoredTenant, options: RouteOptions, rest: string[]): GraphAnswer {
  if (call.method !== 'GET') {
    options.violation(`${where(call)}: the board has no business writing apps`);
    return graphError(405, 'BadRequest', 'The HTTP method is not allowed on this resource.');
  }
  const refused = denied(call, APPS_READ);
  if (refused) return refused;
  const query = parseQuery(call, options);
  if (isAnswer(query)) return query;
  // A cast segment (…/mobileApps/microsoft.graph.iosLobApp) narrows the collection's type, so its properties select.
  const cast = rest[0] === 'microsoft.graph.iosLobApp';
  const id = cast ? rest[1] : rest[0];
  const type = cast ? 'iosLobApp' : 'mobileApp';
  const bad = checkNames(call, query, type, ['assignments'], options);
  if (bad) return bad;
  let apps = cast ? tenant.apps.filter((app) => app.type === 'iosLobApp') : tenant.apps;
  if (query.filter !== null) {
    if (!IOS_LOB_FILTER.test(query.filter)) {
      options.violation(`${where(call)}: $filter=${query.filter} is not the isof filter the board needs`);
      return graphError(400, 'BadRequest', `Invalid filter clause: ${query.filter}`);
    }
    apps = apps.filter((app) => app.type === 'iosLobApp');
  }
  const item = (app: StoredTenant['apps'][number]): Json => {
    const json = selected(appJson(app), query.select);
    if (query.expand.includes('assignments')) {
      json['assignments@odata.context'] = `${call.root}/${call.version}/$metadata#deviceAppManagement/mobileApps('${app.id}')/assignments`;
      json.assignments = app.assignments.map(appAssignmentJson);
    }
    return json;
  };
  const collection = `deviceAppManagement/mobileApps${cast ? '/microsoft.graph.iosLobApp' : ''}`;
  if (id) {
    const app = apps.find((candidate) => candidate.id === id);
    if (!app) return graphError(404, 'ResourceNotFound', `{"_version":3,"Message":"No such mobileApp: ${id}"}`);
    return { status: 200, body: { '@odata.context': context(call, `${withSelectContext(collection, query)}/$entity`), ...item(app) } };
  }
  return page(call, query, apps.map(item), withSelectContext(collection, query), options);
}
