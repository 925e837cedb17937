// The library's export buttons: the core formats (each recomputes the live verdict with today's clock and the current
// warning window), this file names the download and says what was written.
import type { Settings } from '../core/store';
import type { ProfileResult } from '../core/types';
import { downloadText } from './download';
import { loadCore } from './lazy-core';

export type ExportFormat = 'csv' | 'ics' | 'json';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Writes the export and returns the sentence to announce; an .ics with nothing left to remind of is not written. */
export async function exportResults(format: ExportFormat, results: ProfileResult[], settings: Settings, now = new Date()): Promise<string> {
  const core = await loadCore();
  const stamp = now.toISOString().slice(0, 10);
  const options = { now, warnDays: settings.warnDays };
  switch (format) {
    case 'csv':
      downloadText(`provlens-${stamp}.csv`, core.toCsv(results, options), 'text/csv');
      return `Exported ${plural(results.length, 'profile')} as CSV.`;
    case 'ics': {
      const calendar = core.icsCalendar(results, { ...options, offsets: settings.icsOffsets });
      if (calendar.events === 0) {
        return `No calendar written: ${results.length === 1 ? 'this profile has' : `all ${results.length} profiles have`} no reminder left to set (expired, or undated).`;
      }
      downloadText(`provlens-expiry-${stamp}.ics`, calendar.text, 'text/calendar');
      return `Exported ${plural(calendar.events, 'reminder')} for ${plural(calendar.profiles, 'profile')} as .ics.`;
    }
    case 'json':
      downloadText(`provlens-${stamp}.json`, core.toJsonExport(results, options), 'application/json');
      return `Exported ${plural(results.length, 'profile')} as JSON.`;
  }
}
