// The library's export buttons: the core formats, this file names the download.
import type { Settings } from '../core/store';
import type { ProfileResult } from '../core/types';
import { downloadText } from './download';
import { loadCore } from './lazy-core';

export type ExportFormat = 'csv' | 'ics' | 'json';

export async function exportResults(format: ExportFormat, results: ProfileResult[], settings: Settings): Promise<void> {
  const core = await loadCore();
  const stamp = new Date().toISOString().slice(0, 10);
  switch (format) {
    case 'csv':
      return downloadText(`provlens-${stamp}.csv`, core.toCsv(results, { warnDays: settings.warnDays }), 'text/csv');
    case 'ics':
      return downloadText(
        `provlens-expiry-${stamp}.ics`,
        core.toIcs(results, { offsets: settings.icsOffsets, warnDays: settings.warnDays }),
        'text/calendar',
      );
    case 'json':
      return downloadText(`provlens-${stamp}.json`, core.toJsonExport(results), 'application/json');
  }
}
