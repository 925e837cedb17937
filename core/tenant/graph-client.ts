// One Microsoft Graph request at a time, the way Microsoft's guidance asks: the bearer token from the connection (asked
// for each request, never kept), 429 and 503 wait for Retry-After and try again a bounded number of times ("Microsoft
// Graph throttling guidance": wait the seconds Retry-After gives, then retry; Retry-After may also be an HTTP date,
// RFC 9110 §10.2.3), 401 ends the read (the token expired or was revoked: the admin connects again), and every other
// failure becomes a ReadFailure sentence — for 403 the scope or Intune role that is missing, for anything else Graph's
// own error code ({"error":{"code","message"}}, "Microsoft Graph error responses"). pages() follows @odata.nextLink
// ("Paging Microsoft Graph data"); batch() sends GETs through JSON batching ("Combine multiple HTTP requests using JSON
// batching": up to 20 per POST /$batch, each answered with its own status, headers and body, each throttled on its
// own). A request is never repeated after the network failed: a POST might have been carried out.
import { ProvlensError } from '../errors';
import { WRITE_SCOPE, type GraphConnection, type ReadFailure, type ReadPart, type TenantErrorCode } from './types';
import { BATCH_LIMIT, graphHost, graphUrls, isGraphUrl } from './graph-requests';

export const DEFAULT_MAX_RETRIES = 4;
/** The longest single Retry-After wait ProvLens sits through. Graph usually asks for seconds; a longer ask (SharePoint
 *  has been seen asking for 300 s) is reported as throttling with the time to come back, rather than holding a page
 *  or a nightly job for minutes, or retrying sooner than Graph allows. */
export const MAX_RETRY_WAIT_MS = 60_000;
/** Without Retry-After: 1 s, 2 s, 4 s, … (exponential backoff, as the guidance recommends). */
const BACKOFF_BASE_MS = 1_000;
/** A paged list longer than this is a loop, not a tenant. */
const MAX_PAGES = 1_000;

export interface GraphCall {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  body?: unknown;
  part: ReadPart;
  /** The configuration or group the request is about. */
  subject?: string | null;
  /** A write (create, assign, update): a 403 names the write scope and the roles that may change apps. */
  write?: boolean;
}

export type GraphOutcome = { ok: true; status: number; body: unknown } | { ok: false; status: number | null; body: unknown; failure: ReadFailure };

/** Sends one request; retries 429/503 after Retry-After; throws only graph-unauthorized (401) and aborts. */
export async function graphCall(connection: GraphConnection, call: GraphCall): Promise<GraphOutcome> {
  const maxRetries = connection.maxRetries ?? DEFAULT_MAX_RETRIES;
  for (let attempt = 0; ; attempt += 1) {
    connection.signal?.throwIfAborted();
    const sent = await send(connection, call);
    if (!sent.ok) return sent;
    const { response } = sent;
    if (response.status === 429 || response.status === 503) {
      const body = await readBody(response);
      const wait = retryWait(response.headers.get('Retry-After'), attempt, now(connection));
      if (attempt < maxRetries && wait <= MAX_RETRY_WAIT_MS) {
        await sleeper(connection)(wait, connection.signal);
        continue;
      }
      return failed(connection, call, response.status, body, { attempts: attempt + 1, wait });
    }
    const body = await readBody(response);
    if (response.status === 401) throw unauthorized(body);
    if (response.ok) {
      if (body === INVALID_JSON) return failed(connection, call, response.status, body);
      return { ok: true, status: response.status, body };
    }
    return failed(connection, call, response.status, body);
  }
}

type Sent = { ok: true; response: Response } | { ok: false; status: null; body: null; failure: ReadFailure };

async function send(connection: GraphConnection, call: GraphCall): Promise<Sent> {
  const token = await connection.token();
  connection.onRequest?.({ method: call.method, url: call.url });
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (call.body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const init: RequestInit = { method: call.method, headers, ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}), ...(connection.signal ? { signal: connection.signal } : {}) };
    return { ok: true, response: await connection.fetch(call.url, init) };
  } catch (error) {
    if (connection.signal?.aborted) throw connection.signal.reason;
    return { ok: false, status: null, body: null, failure: networkFailure(connection, call, error) };
  }
}

const INVALID_JSON = Symbol('invalid JSON');

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** Milliseconds to wait before retry `attempt + 1`: Retry-After's seconds or HTTP date, else exponential backoff. */
export function retryWait(retryAfter: string | null, attempt: number, now: Date): number {
  const value = retryAfter?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = value === '' ? Number.NaN : Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, date - now.getTime());
  return BACKOFF_BASE_MS * 2 ** attempt;
}

function now(connection: GraphConnection): Date {
  return connection.now?.() ?? new Date();
}

function sleeper(connection: GraphConnection): (ms: number, signal?: AbortSignal) => Promise<void> {
  return connection.sleep ?? defaultSleep;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });
}

// ---- following pages and batching ----

export type PagesOutcome = { ok: true; items: unknown[] } | { ok: false; items: unknown[]; failure: ReadFailure };

/** Every item of a paged collection, following @odata.nextLink; on a failure, the items read before it and why. */
export async function pages(connection: GraphConnection, call: Omit<GraphCall, 'method' | 'body'>): Promise<PagesOutcome> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let url: string | null = call.url;
  while (url !== null) {
    if (seen.has(url) || seen.size >= MAX_PAGES) return { ok: false, items, failure: badResponse(call, `@odata.nextLink loops back to a page already read (${seen.size} pages)`) };
    seen.add(url);
    const outcome = await graphCall(connection, { ...call, method: 'GET', url });
    if (!outcome.ok) return { ok: false, items, failure: outcome.failure };
    const page = outcome.body as { value?: unknown; '@odata.nextLink'?: unknown } | null;
    if (!page || !Array.isArray(page.value)) return { ok: false, items, failure: badResponse({ ...call, url }, 'the answer has no "value" list') };
    items.push(...(page.value as unknown[]));
    const next = page['@odata.nextLink'];
    if (next !== undefined && next !== null && (typeof next !== 'string' || !isGraphUrl(connection.cloud, next))) {
      return { ok: false, items, failure: badResponse({ ...call, url }, `@odata.nextLink points away from ${graphHost(connection.cloud)}; it was not followed, so the token stays with Graph`) };
    }
    url = typeof next === 'string' ? next : null;
  }
  return { ok: true, items };
}

export interface BatchItem {
  id: string;
  /** Relative to the batch endpoint, e.g. /groups/{id}?$select=id,displayName. */
  url: string;
}

export interface BatchAnswer {
  status: number;
  body: unknown;
  /** For an item still throttled when the retries ran out: how often it was sent and the last wait Graph asked for. */
  throttle?: { attempts: number; wait: number };
}

export interface BatchOutcome {
  /** Each item's own answer, by item id (a 429/503 only once the retries ran out). */
  answers: Map<string, BatchAnswer>;
  /** The batch request itself failed: the items without an answer were not read. */
  failure: ReadFailure | null;
}

/** GETs in JSON batches of 20; items Graph throttles (429/503 inside the batch) are sent again after their Retry-After. */
export async function batch(connection: GraphConnection, items: readonly BatchItem[], part: ReadPart): Promise<BatchOutcome> {
  const answers = new Map<string, BatchAnswer>();
  const maxRetries = connection.maxRetries ?? DEFAULT_MAX_RETRIES;
  let pending = [...items];
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    const throttled: { item: BatchItem; wait: number; answer: BatchAnswer }[] = [];
    for (let start = 0; start < pending.length; start += BATCH_LIMIT) {
      const chunk = pending.slice(start, start + BATCH_LIMIT);
      const call: GraphCall = { method: 'POST', url: graphUrls.batch(connection.cloud), part, body: { requests: chunk.map((item) => ({ id: item.id, method: 'GET', url: item.url })) } };
      const outcome = await graphCall(connection, call);
      if (!outcome.ok) return { answers, failure: outcome.failure };
      const responses = (outcome.body as { responses?: unknown } | null)?.responses;
      if (!Array.isArray(responses)) return { answers, failure: badResponse(call, 'the $batch answer has no "responses" list') };
      for (const item of chunk) {
        const raw = responses.find((response) => (response as { id?: unknown } | null)?.id === item.id) as { status?: unknown; headers?: unknown; body?: unknown } | undefined;
        if (!raw || typeof raw.status !== 'number') return { answers, failure: badResponse(call, `the $batch answer has no response for request ${item.id}`) };
        const answer = { status: raw.status, body: raw.body ?? null };
        if (answer.status === 429 || answer.status === 503) throttled.push({ item, answer, wait: retryWait(header(raw.headers, 'retry-after'), attempt, now(connection)) });
        else answers.set(item.id, answer);
      }
    }
    const wait = Math.max(0, ...throttled.map((entry) => entry.wait));
    if (throttled.length === 0 || attempt >= maxRetries || wait > MAX_RETRY_WAIT_MS) {
      for (const entry of throttled) answers.set(entry.item.id, { ...entry.answer, throttle: { attempts: attempt + 1, wait: entry.wait } });
      break;
    }
    await sleeper(connection)(wait, connection.signal);
    pending = throttled.map((entry) => entry.item);
  }
  return { answers, failure: null };
}

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry && (typeof entry[1] === 'string' || typeof entry[1] === 'number') ? String(entry[1]) : null;
}

// ---- failures as sentences ----

interface PartNeeds {
  /** What the request was for, after "Graph refused to". */
  what: string;
  scope: string;
  /** Who may do it, after "has no". */
  role: string;
}

const READING_APPS_ROLE = 'Intune role that allows reading apps (e.g. Intune Administrator, Application Manager or Read Only Operator)';

const NEEDS: Readonly<Record<ReadPart, PartNeeds>> = {
  configurations: { what: 'read the iOS app provisioning profiles', scope: 'DeviceManagementApps.Read.All', role: READING_APPS_ROLE },
  configuration: { what: 'read the iOS app provisioning profile', scope: 'DeviceManagementApps.Read.All', role: READING_APPS_ROLE },
  apps: { what: 'read the iOS line-of-business apps', scope: 'DeviceManagementApps.Read.All', role: READING_APPS_ROLE },
  statuses: { what: 'read the profiles\' device and user statuses', scope: 'DeviceManagementApps.Read.All', role: READING_APPS_ROLE },
  groups: { what: 'read group names', scope: 'GroupMember.Read.All', role: 'permission to read groups in Microsoft Entra ID (members can by default; guests need e.g. Directory Readers)' },
  'scope-tags': { what: 'read scope tags', scope: 'DeviceManagementRBAC.Read.All', role: 'Intune role that allows reading roles and scope tags (e.g. Intune Administrator or Read Only Operator)' },
};

const WRITE_NEEDS: PartNeeds = {
  what: 'change the iOS app provisioning profile',
  scope: WRITE_SCOPE,
  role: 'Intune role that allows changing apps (e.g. Intune Administrator or Application Manager)',
};

function needsOf(call: GraphCall): PartNeeds {
  return call.write ? WRITE_NEEDS : NEEDS[call.part];
}

/** Graph's error code and message from an error body; null when the body is not Graph's error shape. */
export function graphError(body: unknown): { code: string; message: string } | null {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error.code !== 'string') return null;
  const message = typeof error.message === 'string' ? error.message.replace(/\s+/g, ' ').trim() : '';
  return { code: error.code, message: message.length > 300 ? `${message.slice(0, 297)}…` : message };
}

function graphSays(status: number, body: unknown): string {
  const error = graphError(body);
  const reason = STATUS_TEXT[status] ?? '';
  const head = `${status}${reason ? ` ${reason}` : ''}`;
  if (!error) return head;
  return `${head}, ${error.code}${error.message ? `: ${error.message}` : ''}`;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function unauthorized(body: unknown): ProvlensError {
  const error = graphError(body);
  const detail = error ? ` (401, ${error.code}${error.message ? `: ${error.message}` : ''})` : ' (401)';
  return new ProvlensError('graph-unauthorized', `Microsoft Graph no longer accepts the token${detail}: it has expired or was revoked. Connect again.`);
}

function failure(call: GraphCall, status: number | null, code: TenantErrorCode, message: string, missingScope: string | null = null): ReadFailure {
  return { part: call.part, request: `${call.method} ${call.url}`, status, code, message, missingScope, subject: call.subject ?? null };
}

function failed(connection: GraphConnection, call: GraphCall, status: number, body: unknown, throttle?: { attempts: number; wait: number }): GraphOutcome {
  return { ok: false, status, body, failure: failureFor(connection, call, status, body, throttle) };
}

/** The ReadFailure for an HTTP answer that is not a success (also used for a batch item's own answer). */
export function failureFor(connection: GraphConnection, call: GraphCall, status: number, body: unknown, throttle?: { attempts: number; wait: number }): ReadFailure {
  if (body === INVALID_JSON) return badResponse(call, `the answer (${status}) is not JSON`);
  const needs = needsOf(call);
  const says = graphSays(status, body);
  if (status === 403) return forbidden(connection, call, needs, says);
  if (status === 429 || status === 503) {
    const message = throttle && throttle.wait > MAX_RETRY_WAIT_MS
      ? `Graph is throttling requests to ${needs.what} (${says}) and asks to wait ${Math.ceil(throttle.wait / 1000)} s, longer than ProvLens waits (${MAX_RETRY_WAIT_MS / 1000} s); try again in ${Math.ceil(throttle.wait / 60_000)} minute(s).`
      : `Graph is still throttling requests to ${needs.what} (${says}) after ${throttle?.attempts ?? 1} attempt(s), each after the wait it asked for; try again in a few minutes.`;
    return failure(call, status, 'throttled', message);
  }
  if (status >= 500) return failure(call, status, 'unavailable', `Graph could not ${needs.what} (${says}); the service had a problem, try again later.`);
  if (status === 404 && call.subject) return failure(call, status, 'graph-error', `Graph found no ${call.part === 'groups' ? 'group' : 'object'} ${call.subject} (${says}); it may have been deleted.`);
  return failure(call, status, 'graph-error', `Graph refused to ${needs.what} (${says}).`);
}

function forbidden(connection: GraphConnection, call: GraphCall, needs: PartNeeds, says: string): ReadFailure {
  const info = connection.tokenInfo;
  const scopes = info && info.kind !== 'opaque' ? info.scopes.map((scope) => scope.toLowerCase()) : null;
  const hasScope = scopes === null ? null : call.write ? scopes.includes(WRITE_SCOPE.toLowerCase()) : !info?.missingRead.includes(needs.scope);
  const lead = `Graph refused to ${needs.what} (${says})`;
  let message: string;
  if (hasScope === false) {
    message = `${lead}: the token lacks ${needs.scope}. Sign in again granting it (an administrator must consent to it once), or get a token that has it.`;
  } else if (hasScope === true) {
    const who = info?.kind === 'application' ? 'the app registration' : info?.user ? `the signed-in user (${info.user})` : 'the signed-in user';
    message = info?.kind === 'application'
      ? `${lead} although the token has ${needs.scope}: check that an administrator granted ${who} that permission and that the tenant has an Intune license.`
      : `${lead} although the token has ${needs.scope}: ${who} has no ${needs.role}.`;
  } else {
    message = `${lead}: it needs ${needs.scope} in the token and, for a signed-in user, ${needs.role.startsWith('Intune') ? 'an ' : ''}${needs.role}.`;
  }
  return failure(call, 403, 'forbidden', message, needs.scope);
}

function networkFailure(connection: GraphConnection, call: GraphCall, error: unknown): ReadFailure {
  // Node's fetch says only "fetch failed"; the system's reason (ENOTFOUND, ECONNREFUSED, …) is in its cause.
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const detail = error instanceof Error ? `${error.name}: ${error.message}${typeof cause === 'string' ? `, ${cause}` : ''}` : String(error);
  const host = graphHost(connection.cloud);
  return failure(call, null, 'network', `Could not reach ${host} to ${needsOf(call).what} (${detail}): the device is offline, a proxy or firewall blocks ${host}, or the page's Content-Security-Policy does.`);
}

function badResponse(call: Omit<GraphCall, 'method'> & { method?: GraphCall['method'] }, why: string): ReadFailure {
  const full: GraphCall = { method: call.method ?? 'GET', ...call };
  return failure(full, null, 'bad-response', `Graph's answer when trying to ${needsOf(full).what} is not the documented shape: ${why}.`);
}
