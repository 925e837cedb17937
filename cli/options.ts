// Command-line flags shared by the commands (node:util parseArgs, strict: unknown flags are usage errors).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { InspectOptions } from '../core/inspect';

/** A bad command line: reported on stderr with exit 64. */
export class UsageError extends Error {}

export function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Flags of every command that judges files: the clock, the warning window, the trust anchors. */
export const JUDGEMENT_OPTIONS = {
  json: { type: 'boolean' },
  now: { type: 'string' },
  'warn-days': { type: 'string' },
  'trust-ca': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

interface JudgementFlags {
  now?: string | boolean;
  'warn-days'?: string | boolean;
  'trust-ca'?: (string | boolean)[];
}

export function judgement(values: JudgementFlags): InspectOptions & { now: Date } {
  const now = typeof values.now === 'string' ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now needs an ISO-8601 date, got "${String(values.now)}"`);
  return { now, warnDays: warnDays(values['warn-days']), trustedCaSha256: trustPins(values['trust-ca']) };
}

function warnDays(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw)) throw new UsageError(`--warn-days needs a whole number of days, got "${String(raw)}"`);
  return Number(raw);
}

// Pins as `openssl x509 -fingerprint -sha256` prints them (colons, upper case) are accepted too.
function trustPins(raw: (string | boolean)[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  return raw.map((pin) => {
    const hex = String(pin).replace(/[:\s]/g, '').toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new UsageError(`--trust-ca needs a SHA-256 fingerprint (64 hex digits), got "${String(pin)}"`);
    return hex;
  });
}

/** Standard input can be read once: `-` may appear at most once on a command line. */
export function requireOneStdin(positionals: readonly string[]): void {
  if (positionals.filter((path) => path === '-').length > 1) throw new UsageError('"-" (standard input) can be given only once');
}

export function requirePositionals(positionals: string[], what: string): void {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`);
}
