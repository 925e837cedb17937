// A local HTTPS stand-in for Microsoft Graph, reached under Graph's real host names: Chromium maps them here with
// --host-resolver-rules (hostResolverRule) and accepts the throwaway certificate with --ignore-certificate-errors; Node
// reaches it through node-fetch.ts. It answers as Graph answers a browser: CORS preflights for Authorization and
// Content-Type, Access-Control-Allow-Origin on every answer, 401 for a token it did not issue or that has expired,
// 403 for a part the token's scopes do not allow, 429 + Retry-After when told to throttle, JSON batching (≤ 20 per
// request, per-item status, headers and body). It records every request as received (Authorization included: this
// log is the test's, never the page's) and refuses — and lists in `violations` — every body or query Graph would not
// understand, checked against ../shared/graph/beta-intune-types.json (graph-types.ts).
//
// Retry-After: Graph's CORS answers do not list Retry-After in Access-Control-Expose-Headers
// (microsoftgraph/microsoft-graph-docs-contrib#2011, 2022), so a page cannot read it on a throttled request; the
// stand-in does the same unless `exposeRetryAfter` is set. Inside a $batch answer the header is part of the JSON body,
// so a page can read it there.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKnownType, odataTypeName, unknownProperties } from './graph-types';
import { graphError, routeCall, type GraphAnswer, type GraphCall } from './routes';
import { cloneTenant, type StoredTenant } from './tenant';
import { GRAPH_AUDIENCE, GRAPH_APP_ID, readToken } from './tokens';

/** The Graph hosts of the four Microsoft clouds (core/export/clouds.ts). */
export const GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn'] as const;
export const MAX_BATCH = 20;

export interface RecordedRequest {
  /** Milliseconds since the stand-in started. */
  at: number;
  method: string;
  /** Absolute, as the client addressed it (https://graph.microsoft.com/beta/…). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}

/** One Graph call: a request of its own, or one item of a $batch. */
export interface RecordedCall {
  at: number;
  via: 'http' | 'batch';
  method: string;
  url: string;
  body: unknown;
  status: number;
}

export interface CallMatcher {
  method?: string;
  /** Matched against the call's absolute URL. */
  url: RegExp;
}

export interface GraphStandInOptions {
  tenant: StoredTenant;
  /** The stand-in's clock, for token expiry and write timestamps (the browser's clock in the e2e). */
  now?: () => Date;
  pageSize?: number;
  patchAnswer?: 'no-content' | 'entity';
  exposeRetryAfter?: boolean;
}

export interface GraphStandIn {
  port: number;
  /** For Chromium's --host-resolver-rules. */
  hostResolverRule: string;
  requests: RecordedRequest[];
  calls: RecordedCall[];
  violations: string[];
  tenant: StoredTenant;
  /** How PATCH answers: 204 (live Intune, widely reported) or 200 with the entity (Microsoft Learn's page). */
  patchAnswer: 'no-content' | 'entity';
  /** The stand-in answers 401 to every token it did not issue (standing in for Graph's signature check). */
  accept(token: string): void;
  revoke(token: string): void;
  /** The next matching request gets 429 with Retry-After (a request of its own, or one $batch item). */
  throttleOnce(matcher: CallMatcher & { via: 'http' | 'batch'; retryAfterSeconds: number }): void;
  /** Back to the tenant it started with; log, violations, tokens and throttles cleared. */
  reset(): void;
  close(): Promise<void>;
}

function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'provlens-graph-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${GRAPH_HOSTS[0]}`,
      '-addext', `subjectAltName=${GRAPH_HOSTS.map((host) => `DNS:${host}`).join(',')}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export async function startGraphStandIn(options: GraphStandInOptions): Promise<GraphStandIn> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const initial = cloneTenant(options.tenant);
  const accepted = new Set<string>();
  let throttles: (CallMatcher & { via: 'http' | 'batch'; retryAfterSeconds: number })[] = [];

  const standIn: Omit<GraphStandIn, 'port' | 'hostResolverRule' | 'close'> = {
    requests: [],
    calls: [],
    violations: [],
    tenant: cloneTenant(initial),
    patchAnswer: options.patchAnswer ?? 'no-content',
    accept: (token) => void accepted.add(token),
    revoke: (token) => void accepted.delete(token),
    throttleOnce: (matcher) => void throttles.push(matcher),
    reset() {
      standIn.requests.length = 0;
      standIn.calls.length = 0;
      standIn.violations.length = 0;
      standIn.tenant = cloneTenant(initial);
      standIn.patchAnswer = options.patchAnswer ?? 'no-content';
      accepted.clear();
      throttles = [];
    },
  };
  const violation = (message: string) => void standIn.violations.push(message);
  const routeOptions = () => ({ pageSize: options.pageSize ?? 2, patchAnswer: standIn.patchAnswer, now, violation });

  function takeThrottle(via: 'http' | 'batch', method: string, url: string): number | null {
    const index = throttles.findIndex((t) => t.via === via && (!t.method || t.method === method) && t.url.test(url));
    if (index < 0) return null;
    const [throttle] = throttles.splice(index, 1);
    return throttle?.retryAfterSeconds ?? null;
  }

  function throttled(seconds: number): GraphAnswer {
    const answer = graphError(429, 'TooManyRequests', 'Too many requests from Identifier:stand-in under category:throttle.intune. Please try again later.', { 'Retry-After': String(seconds) });
    return answer;
  }

  /** A 401 in Graph's words, or the token's scopes. */
  function authenticate(header: string | undefined): GraphAnswer | string[] {
    const unauthorized = (message: string) =>
      graphError(401, 'InvalidAuthenticationToken', message, {
        'WWW-Authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
      });
    const match = /^Bearer (.+)$/i.exec(header ?? '');
    if (!match?.[1]) return unauthorized('Access token is empty.');
    const claims = readToken(match[1]);
    if (!claims) return unauthorized('IDX14100: JWT is not well formed, there are no dots (.).');
    if (claims.aud !== GRAPH_AUDIENCE && claims.aud !== GRAPH_APP_ID) return unauthorized('Access token validation failure. Invalid audience.');
    if (claims.exp === null || claims.exp * 1000 <= now().getTime()) return unauthorized('Lifetime validation failed, the token is expired.');
    if (!accepted.has(match[1])) return unauthorized('Access token validation failure.');
    return claims.scopes;
  }

  function selfCheck(answer: GraphAnswer): void {
    const body = answer.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || 'error' in body) return;
    const items = Array.isArray(body.value) ? (body.value as unknown[]) : [body];
    for (const item of items) {
      const type = odataTypeName((item as Record<string, unknown>)['@odata.type']);
      if (type && isKnownType(type)) for (const problem of unknownProperties(item, type)) violation(`stand-in answer: ${problem}`);
    }
  }

  function call(via: 'http' | 'batch', method: string, version: string, pathAndQuery: string, body: unknown, scopes: readonly string[], root: string): GraphAnswer {
    const [path = '', rawQuery = ''] = pathAndQuery.split(/\?(.*)/s);
    const url = `${root}/${version}${pathAndQuery}`;
    const retryAfter = takeThrottle(via, method, url);
    const answer = retryAfter !== null ? throttled(retryAfter) : routeCall({ method, version, path, rawQuery, body, scopes, root } satisfies GraphCall, standIn.tenant, routeOptions());
    selfCheck(answer);
    standIn.calls.push({ at: Date.now() - started, via, method, url, body, status: answer.status });
    return answer;
  }

  function batch(body: unknown, version: string, scopes: readonly string[], root: string): GraphAnswer {
    const requests = (body as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests)) {
      violation(`POST /${version}/$batch: the body has no requests array`);
      return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    }
    if (requests.length > MAX_BATCH) {
      violation(`POST /${version}/$batch: ${requests.length} requests in one batch (at most ${MAX_BATCH})`);
      return graphError(400, 'BadRequest', `The batch request contains ${requests.length} requests; the limit is ${MAX_BATCH}.`);
    }
    const ids = new Set<string>();
    const responses = requests.map((raw) => {
      const item = raw as { id?: unknown; method?: unknown; url?: unknown; headers?: Record<string, string>; body?: unknown; dependsOn?: unknown };
      const extra = Object.keys(item).filter((key) => !['id', 'method', 'url', 'headers', 'body', 'dependsOn'].includes(key));
      if (extra.length > 0) violation(`$batch item: unknown properties ${extra.join(', ')}`);
      const id = String(item.id ?? '');
      if (!id || ids.has(id.toLowerCase())) violation(`$batch item: id ${JSON.stringify(item.id)} missing or not unique`);
      ids.add(id.toLowerCase());
      if (item.body !== undefined && !Object.keys(item.headers ?? {}).some((name) => name.toLowerCase() === 'content-type')) {
        violation(`$batch item ${id}: a body without a Content-Type header`);
      }
      const relative = String(item.url ?? '');
      if (/^https?:/i.test(relative)) violation(`$batch item ${id}: url must be relative to the version, got ${relative}`);
      const answer = call('batch', String(item.method ?? 'GET').toUpperCase(), version, relative.startsWith('/') ? relative : `/${relative}`, item.body, scopes, root);
      const headers = { 'Cache-Control': 'no-cache', 'Content-Type': ODATA_JSON, ...answer.headers };
      return { id, status: answer.status, headers, ...(answer.body !== undefined ? { body: answer.body } : {}) };
    });
    return { status: 200, body: { responses } };
  }

  function corsHeaders(request: IncomingMessage): Record<string, string> {
    const origin = request.headers.origin;
    const expose = ['request-id', 'client-request-id', ...(options.exposeRetryAfter ? ['Retry-After'] : [])];
    return origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': expose.join(', '), Vary: 'Origin' } : {};
  }

  function send(request: IncomingMessage, response: ServerResponse, answer: GraphAnswer): void {
    const headers: Record<string, string> = {
      ...corsHeaders(request),
      'Cache-Control': 'no-cache',
      'request-id': randomUUID(),
      'client-request-id': String(request.headers['client-request-id'] ?? randomUUID()),
      ...answer.headers,
    };
    if (answer.body !== undefined) {
      headers['Content-Type'] = ODATA_JSON;
      headers['OData-Version'] = '4.0';
    }
    response.writeHead(answer.status, headers);
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  function handle(request: IncomingMessage, response: ServerResponse, raw: string): void {
    const host = (request.headers.host ?? GRAPH_HOSTS[0]).replace(/:\d+$/, '');
    const root = `https://${host}`;
    const target = request.url ?? '/';
    const method = request.method ?? 'GET';
    const record = (status: number) =>
      standIn.requests.push({ at: Date.now() - started, method, url: `${root}${target}`, headers: { ...request.headers }, body: raw, status });

    if (method === 'OPTIONS') {
      // A CORS preflight: what Graph lets a page send, with no token needed.
      const answer: GraphAnswer = {
        status: 200,
        headers: {
          'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': String(request.headers['access-control-request-headers'] ?? 'Authorization, Content-Type'),
          'Access-Control-Max-Age': '3600',
        },
      };
      record(200);
      send(request, response, answer);
      return;
    }

    const answer = (() => {
      const version = /^\/(v1\.0|beta)(\/.*)$/.exec(target);
      if (!version?.[1] || !version[2]) {
        violation(`${method} ${target}: not under /v1.0 or /beta`);
        return graphError(400, 'BadRequest', 'Invalid version.');
      }
      let body: unknown;
      if (raw.length > 0) {
        if (!/^application\/json/i.test(request.headers['content-type'] ?? '')) violation(`${method} ${target}: a body sent as ${request.headers['content-type'] ?? 'no Content-Type'}`);
        try {
          body = JSON.parse(raw);
        } catch {
          violation(`${method} ${target}: the body is not JSON`);
          return graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
        }
      }
      if (method === 'GET' && body !== undefined) violation(`GET ${target}: a GET with a body`);
      const scopes = authenticate(request.headers.authorization);
      if (!Array.isArray(scopes)) return scopes;
      if (version[2] === '/$batch' && method === 'POST') {
        const retryAfter = takeThrottle('http', method, `${root}${target}`);
        return retryAfter !== null ? throttled(retryAfter) : batch(body, version[1], scopes, root);
      }
      return call('http', method, version[1], version[2], body, scopes, root);
    })();
    record(answer.status);
    send(request, response, answer);
  }

  const server: Server = createServer(throwawayCertificate(), (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(standIn, {
    port,
    hostResolverRule: GRAPH_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', '),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as GraphStandIn;
}
