// Acting on the tenant: Push to Intune (create + assign, to the app's groups by default) and Renew in place (PATCH
// payload, payloadFileName, expirationDateTime; the assignments stay). Both jobs are built by intuneJob
// (core/export/graph.ts), the very code behind `provlens export --format graph`, so a file Intune cannot use is
// refused here with the same reasons. sendJob then sends the job's requests in order and keeps the audit trail: what
// was sent (the payload as its size and SHA-256, never the file again, never a token or a header) and what Graph
// answered. It never repeats a request after a network failure: a create that reached Graph would be made twice.
import { digestHex } from '../cms/digest';
import { ProvlensError } from '../errors';
import type { CloudName } from '../export/clouds';
import { CREATED_ID, DEFAULT_SCOPE_TAG, baseName, intuneJob, type GraphRequest, type IntuneFile, type IntuneJob } from '../export/graph';
import { graphCall, graphError, type GraphOutcome } from './graph-client';
import type { AuditEntry, GraphConnection, SendResult, TenantAppRow } from './types';

interface JudgingOptions {
  cloud?: CloudName;
  now?: Date;
  warnDays?: number;
  /** Build the requests even for a file Intune cannot use (each carries its reasons). */
  force?: boolean;
}

export interface PushJobOptions extends JudgingOptions {
  displayName?: string | null;
  description?: string | null;
  /** Instead of the app's own include groups, exclusion groups, all devices / all users and scope tags. */
  includeGroupIds?: readonly string[];
  excludeGroupIds?: readonly string[];
  allDevices?: boolean;
  allUsers?: boolean;
  scopeTagIds?: readonly string[];
}

export type RenewJobOptions = JudgingOptions;

/** Create a configuration from the library file and assign it where the app is assigned, with the app's scope tags. */
export function pushJob(app: Pick<TenantAppRow, 'targets' | 'scopeTags'>, file: IntuneFile, options: PushJobOptions = {}): IntuneJob {
  const tags = app.scopeTags.map((tag) => tag.id);
  return intuneJob([file], {
    ...judging(options),
    displayName: options.displayName ?? null,
    description: options.description ?? null,
    includeGroupIds: options.includeGroupIds ?? app.targets.include.map((group) => group.id),
    excludeGroupIds: options.excludeGroupIds ?? app.targets.exclude.map((group) => group.id),
    allDevices: options.allDevices ?? app.targets.allDevices,
    allUsers: options.allUsers ?? app.targets.allUsers,
    scopeTagIds: options.scopeTagIds ?? (tags.length > 0 ? tags : [DEFAULT_SCOPE_TAG]),
  });
}

/** Replace an existing configuration's file and expiry with the library file; its name, tags and assignments stay. */
export function renewJob(configurationId: string, file: IntuneFile, options: RenewJobOptions = {}): IntuneJob {
  return intuneJob([file], { ...judging(options), updateConfigurationId: configurationId });
}

function judging(options: JudgingOptions) {
  return {
    ...(options.cloud ? { cloud: options.cloud } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.warnDays !== undefined ? { warnDays: options.warnDays } : {}),
    force: options.force === true,
  };
}

/** Sends the job's requests in order, stopping at the first that fails; the trail says what happened to each. */
export async function sendJob(connection: GraphConnection, job: IntuneJob, action: AuditEntry['action'], file: IntuneFile): Promise<SendResult> {
  if (job.requests.length === 0) {
    const why = job.refused.flatMap((refusal) => refusal.reasons.map((reason) => reason.message)).join(' ');
    throw new ProvlensError('invalid-argument', `Nothing to send: Intune cannot use ${baseName(file.fileName)}. ${why}`.trim());
  }
  if (job.cloud.name !== connection.cloud) throw new ProvlensError('invalid-argument', `The job was prepared for ${job.cloud.label}, but the connection is to another cloud.`);
  const sha256 = await digestHex('SHA-256', file.bytes);
  const profile = { uuid: file.result.profile?.uuid ?? null, fileName: baseName(file.fileName), sha256 };
  const created = new Map<number, string>();
  const entries: AuditEntry[] = [];
  let configurationId = job.updateConfigurationId;
  for (const [index, request] of job.requests.entries()) {
    const url = request.step === 'assign' ? request.url.replace(CREATED_ID, encodeURIComponent(created.get(request.idFrom) ?? '')) : request.url;
    const outcome = await send(connection, request, url);
    const id = outcome.ok && request.step === 'create' ? createdId(outcome.body) : null;
    entries.push({
      at: (connection.now?.() ?? new Date()).toISOString(),
      cloud: connection.cloud,
      action,
      method: request.method,
      url,
      body: request.step === 'assign' ? request.body : { ...request.body, payload: { bytes: file.bytes.length, sha256 } },
      profile,
      status: outcome.status,
      ok: outcome.ok && (request.step !== 'create' || id !== null),
      response: answer(outcome, id),
    });
    if (!outcome.ok || (request.step === 'create' && id === null)) return { entries, configurationId, complete: false };
    if (id !== null) {
      created.set(index, id);
      configurationId = id;
    }
  }
  return { entries, configurationId, complete: true };
}

// A 401 in the middle of a job must not lose the trail of what was already done: it becomes this request's answer.
async function send(connection: GraphConnection, request: GraphRequest, url: string): Promise<GraphOutcome> {
  const subject = request.step === 'update' ? (url.split('/').pop() ?? null) : null;
  try {
    return await graphCall(connection, { method: request.method, url, body: request.body, part: 'configuration', subject, write: true });
  } catch (error) {
    if (!(error instanceof ProvlensError) || error.code !== 'graph-unauthorized') throw error;
    return { ok: false, status: 401, body: null, failure: { part: 'configuration', request: `${request.method} ${url}`, status: 401, code: 'unauthorized', message: error.message, missingScope: null, subject } };
  }
}

function createdId(body: unknown): string | null {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

function answer(outcome: GraphOutcome, id: string | null): AuditEntry['response'] {
  if (outcome.ok) return id !== null ? { id } : outcome.status === 201 ? { error: { code: 'bad-response', message: 'Graph created the configuration but its answer has no id, so it cannot be assigned.' } } : null;
  const error = graphError(outcome.body);
  return { error: { code: error?.code ?? outcome.failure.code, message: outcome.failure.message } };
}
