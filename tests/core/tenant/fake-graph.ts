// A small in-test Microsoft Graph behind `fetch`, serving the shapes Microsoft Learn documents at the real host names
// (https://graph.microsoft.com/beta/…): paged lists with @odata.nextLink, JSON batching with per-item answers, the
// configuration create / assign / update calls, and Graph's error body {"error":{"code","message","innerError"}}.
// Faults are scripted per request (429 + Retry-After, 503, 401, 403, a network failure), and every request is logged
// with its method, URL, body and Authorization header, so tests can assert exactly what ProvLens sent.
export interface FakeConfiguration {
  id: string;
  displayName: string;
  payloadFileName: string | null;
  /** base64 of the file; null: Graph sends none. */
  payload: string | null;
  expirationDateTime: string | null;
  roleScopeTagIds?: string[];
  assignments: { id?: string; target: Record<string, unknown> }[];
  deviceStatuses?: { status: string; deviceDisplayName?: string }[];
  userStatuses?: { status: string; userPrincipalName?: string }[];
  version?: number;
}

export interface FakeApp {
  id: string;
  displayName: string;
  bundleId: string;
  versionNumber: string;
  buildNumber: string;
  expirationDateTime: string | null;
  roleScopeTagIds?: string[];
  assignments: { id?: string; intent: string; target: Record<string, unknown> }[];
}

export interface LoggedRequest {
  method: string;
  url: string;
  body: unknown;
  authorization: string | null;
  /** Every header sent, for tests that check nothing else leaks. */
  headers: Record<string, string>;
}

type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; code?: string; message?: string }
  | { kind: 'network'; message?: string };

interface ScriptedFault {
  matches: (method: string, url: URL) => boolean;
  fault: Fault;
  times: number;
}

export const GRAPH = 'https://graph.microsoft.com';
const CONFIGURATIONS = '/beta/deviceAppManagement/iosLobAppProvisioningConfigurations';

export const include = (groupId: string, filter?: { id: string; type: 'include' | 'exclude' }) => ({
  '@odata.type': '#microsoft.graph.groupAssignmentTarget',
  deviceAndAppManagementAssignmentFilterId: filter?.id ?? null,
  deviceAndAppManagementAssignmentFilterType: filter?.type ?? 'none',
  groupId,
});
export const exclude = (groupId: string) => ({
  '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
  deviceAndAppManagementAssignmentFilterId: null,
  deviceAndAppManagementAssignmentFilterType: 'none',
  groupId,
});
export const allDevices = () => ({ '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget', deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' });
export const allUsers = () => ({ '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget', deviceAndAppManagementAssignmentFilterId: null, deviceAndAppManagementAssignmentFilterType: 'none' });

export class FakeGraph {
  configurations: FakeConfiguration[] = [];
  apps: FakeApp[] = [];
  groups: Record<string, string> = {};
  scopeTags: { id: string; displayName: string; isBuiltIn?: boolean }[] = [{ id: '0', displayName: 'Default', isBuiltIn: true }];
  /** Items per page of every list (Graph's own page sizes vary; small pages exercise @odata.nextLink). */
  pageSize = 100;
  /** Leave payload and assignments out of the configuration list, as some Intune lists do. */
  listOmitsPayload = false;
  /** Per group id: answer the batch item with 429 this many times before the group itself. */
  throttledGroups = new Map<string, { times: number; retryAfter: string }>();
  readonly requests: LoggedRequest[] = [];
  private readonly faults: ScriptedFault[] = [];
  private created = 0;

  constructor(readonly root = GRAPH) {}

  /** The next `times` requests that match get this fault instead of their answer. */
  fail(matches: (method: string, url: URL) => boolean, fault: Fault, times = 1): this {
    this.faults.push({ matches, fault, times });
    return this;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    this.requests.push({ method, url: url.href, body, authorization: headers.authorization ?? null, headers });
    const fault = this.faults.find((entry) => entry.times > 0 && entry.matches(method, url));
    if (fault) {
      fault.times -= 1;
      if (fault.fault.kind === 'network') throw new TypeError(fault.fault.message ?? 'fetch failed');
      return error(fault.fault.status, fault.fault.code ?? codeFor(fault.fault.status), fault.fault.message ?? 'Scripted failure.', fault.fault.headers);
    }
    if (url.origin !== this.root) throw new TypeError(`getaddrinfo ENOTFOUND ${url.host}`);
    return this.route(method, url, body);
  };

  /** The requests after `from`, as "METHOD path?query" with the host left out, for compact assertions. */
  sent(from = 0): string[] {
    return this.requests.slice(from).map((request) => `${request.method} ${decodeURIComponent(request.url.slice(this.root.length))}`);
  }

  private route(method: string, url: URL, body: unknown): Response {
    const path = decodeURIComponent(url.pathname);
    if (method === 'POST' && path === '/v1.0/$batch') return this.batch(body);
    if (path === CONFIGURATIONS) return method === 'POST' ? this.create(body) : this.list(url, this.configurations.map((c) => this.configurationJson(c, !this.listOmitsPayload)));
    const item = new RegExp(`^${CONFIGURATIONS}/([^/]+)(/[A-Za-z]+)?$`).exec(path);
    if (item) return this.configurationRoute(method, url, item[1] ?? '', item[2] ?? '', body);
    if (path === '/beta/deviceAppManagement/mobileApps') {
      if (url.searchParams.get('$filter') !== "isof('microsoft.graph.iosLobApp')") return error(400, 'BadRequest', 'This fake serves only the iosLobApp filter.');
      return this.list(url, this.apps.map((app) => ({ '@odata.type': '#microsoft.graph.iosLobApp', publishingState: 'published', roleScopeTagIds: ['0'], ...app })));
    }
    if (path === '/beta/deviceManagement/roleScopeTags') return this.list(url, this.scopeTags);
    return error(404, 'ResourceNotFound', `Resource not found for the segment '${path}'.`);
  }

  private configurationRoute(method: string, url: URL, id: string, sub: string, body: unknown): Response {
    const configuration = this.configurations.find((c) => c.id === id);
    if (!configuration) return error(404, 'ResourceNotFound', `Resource not found: ${id}`);
    if (sub === '/deviceStatuses') return this.list(url, (configuration.deviceStatuses ?? []).map((s, i) => ({ id: `${id}-d${i}`, ...s })));
    if (sub === '/userStatuses') return this.list(url, (configuration.userStatuses ?? []).map((s, i) => ({ id: `${id}-u${i}`, ...s })));
    if (sub === '/assign' && method === 'POST') {
      const list = (body as { iOSLobAppProvisioningConfigAssignments?: { target: Record<string, unknown> }[] }).iOSLobAppProvisioningConfigAssignments ?? [];
      configuration.assignments = list.map((entry, i) => ({ id: `${id}-a${i}`, target: entry.target }));
      return new Response(null, { status: 204 });
    }
    if (sub === '' && method === 'PATCH') {
      const patch = body as Partial<FakeConfiguration>;
      Object.assign(configuration, {
        ...(patch.payload !== undefined ? { payload: patch.payload } : {}),
        ...(patch.payloadFileName !== undefined ? { payloadFileName: patch.payloadFileName } : {}),
        ...(patch.expirationDateTime !== undefined ? { expirationDateTime: patch.expirationDateTime } : {}),
      });
      configuration.version = (configuration.version ?? 1) + 1;
      return new Response(null, { status: 204 });
    }
    if (sub === '' && method === 'GET') return json(200, this.configurationJson(configuration, true));
    return error(405, 'MethodNotAllowed', `${method} ${sub} is not supported here.`);
  }

  private create(body: unknown): Response {
    const fields = body as Record<string, unknown>;
    this.created += 1;
    const id = `c0ffee00-0000-4000-8000-${String(this.created).padStart(12, '0')}`;
    const configuration: FakeConfiguration = {
      id,
      displayName: String(fields.displayName ?? ''),
      payloadFileName: (fields.payloadFileName as string | undefined) ?? null,
      payload: (fields.payload as string | undefined) ?? null,
      expirationDateTime: (fields.expirationDateTime as string | undefined) ?? null,
      roleScopeTagIds: (fields.roleScopeTagIds as string[] | undefined) ?? ['0'],
      assignments: [],
    };
    this.configurations.push(configuration);
    return json(201, this.configurationJson(configuration, true));
  }

  configurationJson(configuration: FakeConfiguration, full: boolean): Record<string, unknown> {
    const { deviceStatuses: _d, userStatuses: _u, assignments, payload, ...rest } = configuration;
    return {
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfiguration',
      description: null,
      roleScopeTagIds: ['0'],
      createdDateTime: '2020-01-02T03:04:05.6789012Z',
      lastModifiedDateTime: '2020-01-02T03:04:05.6789012Z',
      version: 1,
      ...rest,
      ...(full ? { payload, assignments: assignments.map((a, i) => ({ id: a.id ?? `${configuration.id}-a${i}`, target: a.target })) } : {}),
    };
  }

  private list(url: URL, items: readonly unknown[]): Response {
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const page = items.slice(skip, skip + this.pageSize);
    const next = skip + this.pageSize < items.length ? new URL(url.href) : null;
    next?.searchParams.set('$skiptoken', String(skip + this.pageSize));
    const context = `${this.root}/beta/$metadata#${url.pathname.split('/').pop() ?? ''}`;
    return json(200, { '@odata.context': context, value: page, ...(next ? { '@odata.nextLink': next.href } : {}) });
  }

  private batch(body: unknown): Response {
    const requests = (body as { requests?: { id: string; method: string; url: string }[] }).requests ?? [];
    if (requests.length > 20) return error(400, 'BadRequest', 'Too many requests in the batch: the limit is 20.');
    // Graph may answer in any order: reversing proves the client matches answers by id.
    const responses = requests.map((request) => ({ id: request.id, ...this.batchItem(request) })).reverse();
    return json(200, { responses });
  }

  private batchItem(request: { method: string; url: string }): { status: number; headers: Record<string, string>; body: unknown } {
    const match = /^\/groups\/([^?]+)\?\$select=id,displayName$/.exec(decodeURIComponent(request.url));
    const id = match?.[1];
    if (request.method !== 'GET' || !id) return { status: 400, headers: {}, body: errorBody('BadRequest', `Unsupported: ${request.url}`) };
    const throttle = this.throttledGroups.get(id);
    if (throttle && throttle.times > 0) {
      throttle.times -= 1;
      return { status: 429, headers: { 'Retry-After': throttle.retryAfter, 'Content-Type': 'application/json' }, body: errorBody('TooManyRequests', 'Too many requests.') };
    }
    const name = this.groups[id];
    if (name === undefined) return { status: 404, headers: { 'Content-Type': 'application/json' }, body: errorBody('Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`) };
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: { '@odata.context': `${this.root}/v1.0/$metadata#groups(id,displayName)/$entity`, id, displayName: name } };
  }
}

function codeFor(status: number): string {
  return ({ 401: 'InvalidAuthenticationToken', 403: 'Forbidden', 429: 'TooManyRequests', 503: 'ServiceUnavailable' } as Record<number, string>)[status] ?? 'UnknownError';
}

function errorBody(code: string, message: string) {
  return { error: { code, message, innerError: { date: '2020-06-15T09:00:00', 'request-id': '5a7c1d2e-0000-4000-8000-000000000001', 'client-request-id': '5a7c1d2e-0000-4000-8000-000000000001' } } };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function error(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json(status, errorBody(code, message), headers);
}

/** A matcher on method and path (query ignored), e.g. on('GET', '/beta/deviceManagement/roleScopeTags'). */
export function on(method: string, pathPrefix: string): (method: string, url: URL) => boolean {
  return (m, url) => m === method && decodeURIComponent(url.pathname).startsWith(pathPrefix);
}
