// `provlens tenant`: the tenant board for a nightly job. The access token comes from PROVLENS_GRAPH_TOKEN or standard
// input — never from an argument (it would land in shell history and process listings) — and is never printed. The
// tenant is read through Microsoft Graph with Node's fetch; files and folders given act as the library (renewal
// profiles and the apps' .ipa files, read as `inspect` reads them). Exit codes as `inspect`: 1 when an app stops
// launching within the window, 2 when one has stopped, an assigned profile is tampered or expired, the token is
// unusable or Graph refused it.
import { isProvlensError } from '../core/errors';
import type { CloudName } from '../core/export/clouds';
import type { LibraryApp, LibraryProfile, TenantBoardInput, TokenInfo } from '../core/tenant/types';
import type { InspectResult } from '../core/types';
import { inspectPaths } from './batch';
import { formatTenant } from './human-tenant';
import type { CliIo } from './io';
import { JUDGEMENT_OPTIONS, UsageError, judgement, parse, requireOneStdin } from './options';
import { coloured, plain } from './style';
import { EXIT, USAGE } from './usage';

export const TOKEN_VARIABLE = 'PROVLENS_GRAPH_TOKEN';

export async function runTenant(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...JUDGEMENT_OPTIONS, cloud: { type: 'string' } });
  if (values.help) {
    io.stdout(USAGE.tenant);
    return EXIT.ok;
  }
  const options = judgement(values);
  const cloud = await cloudOf(values.cloud);
  refuseTokenArguments(positionals);
  requireOneStdin(positionals);
  if (positionals.includes('-')) throw new UsageError('standard input carries the token here; give library files and folders by path');
  const token = await readToken(io);
  // Loaded on demand: only this command talks to Graph.
  const core = await import('../core/tenant/index');
  let info: TokenInfo;
  try {
    // The token's own expiry is judged on the real clock, whatever --now says about the profiles.
    info = core.readAccessToken(token, cloud, new Date());
  } catch (error) {
    if (isProvlensError(error) && error.code === 'invalid-token') return fail(io, `${TOKEN_VARIABLE} does not hold a usable access token. ${error.message}`);
    throw error;
  }
  const refusal = core.tokenRefusal(info, cloud);
  if (refusal) return fail(io, refusal);

  const library = await readLibrary(positionals, options, io);
  const connection = { cloud, fetch: io.fetch ?? globalThis.fetch, token: () => token, tokenInfo: info };
  let snapshot;
  try {
    snapshot = await core.readTenant(connection);
  } catch (error) {
    if (isProvlensError(error) && error.code === 'graph-unauthorized') return fail(io, error.message);
    throw error;
  }
  const payloads = await core.decodePayloads(snapshot.configurations, { now: options.now, ...(options.trustedCaSha256 ? { trustedCaSha256: options.trustedCaSha256 } : {}) });
  const board = core.tenantBoard({ snapshot, payloads, library }, { now: options.now, ...(options.warnDays !== undefined ? { warnDays: options.warnDays } : {}) });
  if (values.json) io.stdout(`${JSON.stringify({ token: info, board }, null, 2)}\n`);
  else io.stdout(formatTenant(board, info, { style: io.colour ? coloured : plain, now: options.now, warnDays: options.warnDays ?? 30, width: io.columns }));
  return board.exitCode;
}

async function cloudOf(raw: string | boolean | undefined): Promise<CloudName> {
  const { isCloudName, CLOUD_NAMES } = await import('../core/export/clouds');
  const cloud = typeof raw === 'string' ? raw.toLowerCase() : 'global';
  if (!isCloudName(cloud)) throw new UsageError(`--cloud must be one of ${CLOUD_NAMES.join(', ')}, got "${String(raw)}"`);
  return cloud;
}

// A JWT ("eyJ…") or a long opaque string among the paths is a token pasted on the command line. Say so without
// echoing it: the message must not spread the secret further than the shell history already has.
function refuseTokenArguments(positionals: readonly string[]): void {
  if (positionals.some((path) => /^(bearer\s+)?eyJ[\w-]{8,}\./i.test(path) || (path.length > 200 && !/[\\/]/.test(path)))) {
    throw new UsageError(`an access token is never taken as an argument (it would stay in the shell history); set ${TOKEN_VARIABLE} or pipe it on standard input`);
  }
}

async function readToken(io: CliIo): Promise<string> {
  const env = io.env ?? process.env;
  const fromEnv = env[TOKEN_VARIABLE];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  const piped = await (io.readStdin ?? readProcessStdin)();
  if (piped !== null && piped.trim() !== '') return piped;
  throw new UsageError(`no access token: set ${TOKEN_VARIABLE} or pipe the token on standard input (e.g. from a secret store)`);
}

async function readProcessStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readLibrary(paths: readonly string[], options: ReturnType<typeof judgement>, io: CliIo): Promise<TenantBoardInput['library']> {
  if (paths.length === 0) return { profiles: [], apps: [] };
  const { results } = await inspectPaths(paths, options, { keepBytes: false });
  for (const failed of results.filter((result) => !result.ok)) io.stderr(`provlens: library: ${failed.file}: ${failed.error?.code}: ${failed.error?.message}\n`);
  const ok = results.filter((result) => result.ok);
  return {
    profiles: ok.filter((result): result is Extract<InspectResult, { kind: 'profile' }> => result.kind === 'profile').map((result): LibraryProfile => ({ id: result.file, fileName: result.file, result })),
    apps: ok.filter((result): result is Extract<InspectResult, { kind: 'app' }> => result.kind === 'app').map((result): LibraryApp => ({ id: result.file, fileName: result.file, result })),
  };
}

function fail(io: CliIo, sentence: string): number {
  io.stderr(`provlens: ${sentence}\n`);
  return EXIT.error;
}
