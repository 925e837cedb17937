// Terminal styling for the human output. Colour when stdout is a terminal, unless NO_COLOR is set
// (https://no-color.org) or TERM=dumb: piped output and CI logs stay plain text that greps and diffs cleanly.
// FORCE_COLOR decides first, either way, as in Node's own tty.getColorDepth: CI systems set it to get colour in logs.
import type { Severity } from '../core/types';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  good(text: string): string;
  warn(text: string): string;
  bad(text: string): string;
}

const identity = (text: string): string => text;
const sgr = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;

export const plain: Style = { bold: identity, dim: identity, good: identity, warn: identity, bad: identity };
export const coloured: Style = { bold: sgr(1), dim: sgr(2), good: sgr(32), warn: sgr(33), bad: sgr(31) };

export function wantsColour(isTty: boolean | undefined, env: Record<string, string | undefined>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(isTty);
}

export function severityStyle(style: Style, severity: Severity): (text: string) => string {
  if (severity === 'error') return style.bad;
  if (severity === 'warning') return style.warn;
  return style.dim;
}
