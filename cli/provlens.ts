// The `provlens` command line: arguments → core → stdout, nothing else. `main` takes injected streams and returns the
// exit code, so tests drive it in-process; the bottom of the file wires it to the real process when run directly.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffProfiles } from '../core/profile';
import type { InspectResult } from '../core/types';
import { exitCodeFor, inspectPaths, inspectProfilePath } from './batch';
import { useNodePlatform } from './node-primitives';
import { runCheck } from './check';
import { runExport } from './export';
import { runTenant } from './tenant';
import { formatDiff } from './human-diff';
import { formatResult } from './human-inspect';
import { JUDGEMENT_OPTIONS, UsageError, isParseArgsError, judgement, parse, requireOneStdin, requirePositionals } from './options';
import { coloured, plain, wantsColour } from './style';
import { EXIT, USAGE } from './usage';
import { VERSION } from './version';
import type { CliIo } from './io';

export type { CliIo } from './io';


type Command = 'inspect' | 'check' | 'diff' | 'export' | 'tenant';
const COMMANDS: Readonly<Record<Command, (args: string[], io: CliIo) => Promise<number>>> = {
  inspect: runInspect,
  check: runCheck,
  diff: runDiff,
  export: runExport,
  tenant: runTenant,
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  useNodePlatform();
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
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

function help(io: CliIo, page: keyof typeof USAGE): number {
  io.stdout(USAGE[page]);
  return EXIT.ok;
}

async function runInspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...JUDGEMENT_OPTIONS, devices: { type: 'boolean' } });
  if (values.help) return help(io, 'inspect');
  const options = judgement(values);
  requirePositionals(positionals, 'FILE or DIR to inspect');
  requireOneStdin(positionals);
  // Each result is written as soon as it (and those before it) is done: a large folder shows progress, and the
  // output never has to be held whole in memory.
  const style = io.colour ? coloured : plain;
  const human = { style, now: options.now, devices: values.devices === true, width: io.columns };
  let count = 0;
  const write = (result: InspectResult) => {
    // Stringified inside a one-element array and unwrapped: the element comes out indented as in the whole array.
    if (values.json) io.stdout(`${count === 0 ? '[\n' : ',\n'}${JSON.stringify([result], null, 2).slice(2, -2)}`);
    else io.stdout(`${count === 0 ? '' : '\n'}${formatResult(result, human)}\n`);
    count += 1;
  };
  const { results } = await inspectPaths(positionals, options, { onResult: write, keepBytes: false });
  if (values.json) io.stdout(count === 0 ? '[]\n' : '\n]\n');
  else if (count === 0) io.stdout(`No .mobileprovision, .provisionprofile or .ipa files found in ${positionals.join(', ')}.\n`);
  return exitCodeFor(results);
}

async function runDiff(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) return help(io, 'diff');
  if (positionals.length !== 2) throw new UsageError('diff needs exactly two profiles: OLD NEW');
  requireOneStdin(positionals);
  const [before, after] = await Promise.all(positionals.map((file) => inspectProfilePath(file, {})));
  if (!before?.profile || !after?.profile) {
    for (const failed of [before, after].filter((result) => result && !result.ok)) {
      io.stderr(`provlens: ${failed?.file}: ${failed?.error?.code}: ${failed?.error?.message}\n`);
    }
    return EXIT.error;
  }
  const diff = diffProfiles(before.profile, after.profile, { before: before.signature, after: after.signature });
  io.stdout(values.json ? json({ old: before.file, new: after.file, diff }) : formatDiff(before, after, diff, io.colour ? coloured : plain));
  return EXIT.ok;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
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
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
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
