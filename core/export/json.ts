// The lossless export: every result exactly as the core produced it (the shared contract in core/types.ts), inside a
// small versioned envelope so a later ProvLens (or a script) can tell what it is reading. JSON per RFC 8259.
import type { InspectResult } from '../types';

export const JSON_EXPORT_FORMAT = 'provlens-export';
export const JSON_EXPORT_VERSION = 1;

export interface JsonExport {
  format: typeof JSON_EXPORT_FORMAT;
  version: typeof JSON_EXPORT_VERSION;
  exportedAt: string;
  results: InspectResult[];
}

/** Pretty-printed JSON of the results; `now` stamps `exportedAt` (defaults to the current time). */
export function toJsonExport(results: readonly InspectResult[], options: { now?: Date } = {}): string {
  const document: JsonExport = {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    results: [...results],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
