// Terminal styling for the human output. Colour only when stdout is a terminal and NO_COLOR is unset
// (https://no-color.org): piped output and CI logs stay plain text that greps and diffs cleanly.
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
  return Boolean(isTty) && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export function severityStyle(style: Style, severity: Severity): (text: string) => string {
  if (severity === 'error') return style.bad;
  if (severity === 'warning') return style.warn;
  return style.dim;
}
