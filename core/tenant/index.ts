// The tenant board (issue 18): reading an Intune tenant through Microsoft Graph with the admin's own token, verifying
// every iOS app provisioning profile it pushes, and the board that says, app by app, when it stops launching and what
// to do. Only graph-client.ts (through the injected fetch) does I/O; the board is pure. Design: docs/tenant-board.md.
export * from './types';
export { readAccessToken, bareToken, tokenRefusal, cloudOfAudience, GRAPH_APP_ID } from './token';
export { readTenant, readConfiguration, countStatuses } from './graph-reader';
export { graphCall, pages, batch, retryWait, graphError, DEFAULT_MAX_RETRIES, MAX_RETRY_WAIT_MS } from './graph-client';
export type { GraphCall, GraphOutcome, PagesOutcome, BatchItem, BatchAnswer, BatchOutcome } from './graph-client';
export { graphUrls, graphHost, isGraphUrl, BATCH_LIMIT } from './graph-requests';
export { decodePayloads } from './payloads';
export type { PayloadOptions } from './payloads';
export { tenantBoard, byUrgency } from './board';
export type { BoardOptions } from './board';
export { resolveTargets, reachOf, isAssigned } from './targets';
export { pushJob, renewJob, sendJob } from './actions';
export type { PushJobOptions, RenewJobOptions } from './actions';
