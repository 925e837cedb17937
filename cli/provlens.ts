// The `provlens` command line: arguments → core → stdout, nothing else. `main` takes injected streams and returns the
// exit code, so tests drive it in-process; the bottom of the file wires it to the real process when run directly.
import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { renewalVerdict as renewalVerdictType } from '../core/app/verdict';
import { useWebCrypto } from '../core/crypto';
import { diffProfiles } from '../core/diff';
import { inspect, inspectProfile, type InspectOptions } from '../core/inspect';
import type { AppResult, InspectResult, ProfileResult, RenewalVerdict } from '../core/types';
import { expandPaths, readInput } from './files';
import { formatDiff } from './human-diff';
import { formatInspect } from './human-inspect';
import { formatVerdicts } from './human-verdict';
import { coloured, plain, wantsColour } from './style';
import { EXIT, USAGE } from './usage';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the human output (stdout is a TTY and NO_COLOR is unset). */
  colour: boolean;
}

class UsageError extends Error {}

type Command = 'inspect' | 'check' | 'diff' | 'export';
const COMMANDS: Readonly<Record<Command, (args: string[], io: CliIo) => Promise<number>>> = {
  inspect: runInspect,
  check: runCheck,
  diff: runDiff,
  export: runExport,
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  useWebCrypto(globalThis.crypto);
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    const page = topic && topic in COMMANDS ? USAGE[topic as Command] : USAGE.main;
    (command === undefined ? io.stderr : io.stdout)(page);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  try {
    if (!(command in COMMANDS)) throw new UsageError(`unknown command "${command}"`);
    return await COMMANDS[command as Command](rest, io);
  } catch (error) {
    if (!(error instanceof UsageError) && !isParseArgsError(error)) throw error;
    io.stderr(`provlens: ${(error as Error).message}\nRun "provlens --help" for usage.\n`);
    return EXIT.usage;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

const JUDGEMENT_OPTIONS = {
  json: { type: 'boolean' },
  now: { type: 'string' },
  'warn-days': { type: 'string' },
  'trust-ca': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

interface JudgementFlags {
  now?: string | boolean;
  'warn-days'?: string | boolean;
  'trust-ca'?: (string | boolean)[];
}

function judgement(values: JudgementFlags): InspectOptions & { now: Date } {
  const now = typeof values.now === 'string' ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now needs an ISO-8601 date, got "${String(values.now)}"`);
  return { now, warnDays: warnDays(values['warn-days']), trustedCaSha256: trustPins(values['trust-ca']) };
}

function warnDays(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) throw new UsageError(`--warn-days needs a whole number of days, got "${String(raw)}"`);
  return Number(raw);
}

function trustPins(raw: (string | boolean)[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw.map((pin) => {
    const hex = String(pin).replace(/[:\s]/g, '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new UsageError(`--trust-ca needs a SHA-256 fingerprint (64 hex digits), got "${String(pin)}"`);
    return hex;
  });
}

function help(io: CliIo, page: keyof typeof USAGE): number {
  io.stdout(USAGE[page]);
  return EXIT.ok;
}

async function inspectPaths(paths: readonly string[], options: InspectOptions): Promise<{ results: InspectResult[]; bytes: Map<string, Uint8Array> }> {
  const files = await expandPaths(paths);
  if (files.length === 0) throw new UsageError('no .mobileprovision, .provisionprofile or .ipa files found');
  const results: InspectResult[] = [];
  const bytes = new Map<string, Uint8Array>();
  // One file at a time: memory stays bounded by the largest file, not the folder.
  for (const file of files) {
    const input = await readInput(file);
    if (!input.bytes) {
      results.push(unreadable(file, input.readError ?? 'unreadable'));
      continue;
    }
    results.push(await inspect(file, input.bytes, options));
    if (!/\.ipa$/i.test(file)) bytes.set(file, input.bytes);
  }
  return { results, bytes };
}

// A file the CLI could not even read is reported like any other failed decode, so one missing path does not hide the
// rest of a batch. `unreadable` is a CLI-level code, not one of the core's.
function unreadable(file: string, message: string): InspectResult {
  const error = { code: 'unreadable', message };
  if (/\.ipa$/i.test(file)) return { kind: 'app', file, ok: false, error, app: null, findings: [] };
  return { kind: 'profile', file, ok: false, error, profile: null, signature: null, findings: [] };
}

export function exitCodeFor(results: readonly InspectResult[]): number {
  const severities = results.flatMap((result) => [
    ...(result.ok ? [] : ['error']),
    ...result.findings.map((finding) => finding.severity),
    ...(result.kind === 'app' ? (result.app?.bundles ?? []).filter((b) => b.profile && !b.profile.ok).map(() => 'error') : []),
  ]);
  if (severities.includes('error')) return EXIT.error;
  return severities.includes('warning') ? EXIT.warning : EXIT.ok;
}

function requirePositionals(positionals: string[], what: string): void {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`);
}

async function runInspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, JUDGEMENT_OPTIONS);
  if (values.help) return help(io, 'inspect');
  const options = judgement(values);
  requirePositionals(positionals, 'FILE or DIR to inspect');
  const { results } = await inspectPaths(positionals, options);
  io.stdout(values.json ? json(results) : formatInspect(results, io.colour ? coloured : plain, options.now));
  return exitCodeFor(results);
}

async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...JUDGEMENT_OPTIONS, app: { type: 'string' } });
  if (values.help) return help(io, 'check');
  const options = judgement(values);
  if (!values.app) throw new UsageError('check needs --app APP.ipa');
  requirePositionals(positionals, 'PROFILE to check against the app');
  const [appResult] = (await inspectPaths([values.app], options)).results;
  if (appResult?.kind !== 'app' || !appResult.app) {
    io.stderr(`provlens: ${values.app}: ${appResult?.error?.code ?? 'not-an-app'}: ${appResult?.error?.message ?? 'not an .ipa'}\n`);
    return EXIT.error;
  }
  const { renewalVerdict } = await import('../core/app/verdict');
  const checks: CheckResult[] = [];
  for (const file of await expandPaths(positionals)) checks.push(await checkProfile(appResult, file, options, renewalVerdict));
  io.stdout(values.json ? json(checks) : formatVerdicts(checks, io.colour ? coloured : plain));
  if (checks.some((check) => !check.verdict?.canKeepAlive)) return EXIT.error;
  return checks.some((check) => check.verdict?.reasons.some((reason) => reason.severity === 'warning')) ? EXIT.warning : EXIT.ok;
}

export interface CheckResult {
  app: string;
  profile: string;
  ok: boolean;
  error: { code: string; message: string } | null;
  verdict: RenewalVerdict | null;
}

type Verdict = typeof renewalVerdictType;

async function checkProfile(app: AppResult, file: string, options: InspectOptions, renewalVerdict: Verdict): Promise<CheckResult> {
  const input = await readInput(file);
  const candidate: ProfileResult = input.bytes
    ? await inspectProfile(file, input.bytes, options)
    : { kind: 'profile', file, ok: false, error: { code: 'unreadable', message: input.readError ?? '' }, profile: null, signature: null, findings: [] };
  if (!candidate.ok || !app.app) return { app: app.file, profile: file, ok: false, error: candidate.error, verdict: null };
  const verdict = renewalVerdict(app.app, candidate, { now: options.now, warnDays: options.warnDays });
  return { app: app.file, profile: file, ok: true, error: null, verdict };
}

async function runDiff(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return help(io, 'diff');
  if (positionals.length !== 2) throw new UsageError('diff needs exactly two profiles: OLD NEW');
  const [before, after] = await Promise.all(positionals.map(async (file) => {
    const input = await readInput(file);
    return input.bytes ? inspectProfile(file, input.bytes) : (unreadable(file, input.readError ?? '') as ProfileResult);
  }));
  for (const result of [before, after]) {
    if (result && !result.profile) {
      io.stderr(`provlens: ${result.file}: ${result.error?.code}: ${result.error?.message}\n`);
      return EXIT.error;
    }
  }
  if (!before?.profile || !after?.profile) return EXIT.error;
  const diff = diffProfiles(before.profile, after.profile);
  io.stdout(values.json ? json({ old: before.file, new: after.file, diff }) : formatDiff(before, after, diff, io.colour ? coloured : plain));
  return EXIT.ok;
}

const FORMATS = ['json', 'csv', 'ics', 'graph'] as const;

async function runExport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...JUDGEMENT_OPTIONS, format: { type: 'string' }, offsets: { type: 'string' } });
  if (values.help) return help(io, 'export');
  const options = judgement(values);
  const format = values.format;
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const offsets = values.offsets === undefined ? undefined : parseOffsets(values.offsets);
  requirePositionals(positionals, 'FILE or DIR to export');
  const { results, bytes } = await inspectPaths(positionals, options);
  for (const failed of results.filter((result) => !result.ok)) {
    io.stderr(`provlens: ${failed.file}: ${failed.error?.code}: ${failed.error?.message}\n`);
  }
  // Loaded on demand: the exporters are only needed here, and `inspect` in a scheduled job should start lean.
  const { toCsv, toIcs, toJsonExport } = await import('../core/export/index');
  const exportOptions = { now: options.now, warnDays: options.warnDays };
  if (format === 'json') io.stdout(text(toJsonExport(results)));
  else if (format === 'csv') io.stdout(toCsv(results, exportOptions));
  else if (format === 'ics') io.stdout(toIcs(results, { ...exportOptions, ...(offsets ? { offsets } : {}) }));
  else io.stdout(await graphExport(results, bytes, values.json === true));
  return results.every((result) => result.ok) ? EXIT.ok : EXIT.error;
}

function parseOffsets(raw: string): number[] {
  const offsets = raw.split(',').map((part) => part.trim());
  if (offsets.length === 0 || offsets.some((part) => !/^\d+$/.test(part))) {
    throw new UsageError(`--offsets needs whole days separated by commas (e.g. 30,7,1), got "${raw}"`);
  }
  return offsets.map(Number);
}

async function graphExport(results: readonly InspectResult[], bytes: ReadonlyMap<string, Uint8Array>, asJson: boolean): Promise<string> {
  const { toGraphRequest, toPowerShell } = await import('../core/export/index');
  const profiles = results.filter((result): result is ProfileResult => result.kind === 'profile' && result.ok);
  const requests = profiles.flatMap((result) => {
    const fileBytes = bytes.get(result.file);
    return fileBytes ? [{ result, request: toGraphRequest(result, fileBytes, basename(result.file)) }] : [];
  });
  if (asJson) return json(requests.map(({ request }) => request));
  return requests
    .map(({ result, request }) =>
      [`# ${result.file}`, text(request), '', '# Microsoft Graph PowerShell:', toPowerShell(result, basename(result.file))].join('\n'),
    )
    .join('\n\n') + '\n';
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? (value.endsWith('\n') ? value : `${value}\n`) : json(value);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(resolve(script))).href;
  } catch {
    return false;
  }
}

/** Runs the CLI on this process: real argv, real streams, real exit code. Also what cli/bin.mjs calls. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // `provlens inspect … | head` closes the pipe early; that is not a failure worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const io: CliIo = {
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (chunk) => void process.stderr.write(chunk),
    colour: wantsColour(process.stdout.isTTY, process.env),
  };
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    // inspect() turns decode failures into data, so reaching here is a bug; it still must not look like "warnings".
    io.stderr(`provlens: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.error;
  }
}

if (isEntryPoint()) await run();
