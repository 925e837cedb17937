// The background's answers to every message in messages.ts, in one map.
import type { Library } from '../../core/store';
import { base64ToBytes, type Handlers } from '../messages';
import { libraryRow, needsAction, verdictOf } from './expiry';
import { runExpiryCheck } from './expiry-check';
import { readQuieted, setQuiet } from './quiet';

export function createHandlers(library: () => Promise<Library>, clock: () => Date = () => new Date()): Handlers {
  return {
    async 'profile:save'({ fileName, bytesBase64, result }) {
      const lib = await library();
      const saved = await lib.putProfile({ fileName, bytes: base64ToBytes(bytesBase64), result, source: { kind: 'file' } });
      await runExpiryCheck(lib, clock());
      return saved;
    },
    async 'library:summary'({ limit }) {
      const lib = await library();
      const now = clock();
      const [summaries, settings, quieted] = await Promise.all([lib.listProfiles(), lib.getSettings(), readQuieted(now)]);
      const rows = summaries.map((summary) => libraryRow(summary, now, settings.warnDays, quieted));
      // Rows that need action first, then soonest end first (listProfiles is already in expiry order).
      rows.sort((a, b) => Number(b.counted) - Number(a.counted));
      return {
        warnDays: settings.warnDays,
        theme: settings.theme,
        needAction: summaries.filter((summary) => needsAction(summary, now, settings.warnDays, quieted)).length,
        total: summaries.length,
        rows: rows.slice(0, limit),
      };
    },
    async 'badge:quiet'({ id, until, clear }) {
      const lib = await library();
      const now = clock();
      let end = until;
      if (!clear && end === null) {
        // Acknowledged: quiet until it stops launching, when the expiry notification still comes.
        const [record, settings] = await Promise.all([lib.getProfile(id), lib.getSettings()]);
        end = (record && verdictOf(record, now, settings.warnDays)?.stopsLaunchingOn) ?? new Date(now.getTime() + 365 * 86_400_000).toISOString();
      }
      await setQuiet(id, clear ? null : end, now);
      return runExpiryCheck(lib, now);
    },
    async 'settings:warn-days'() {
      const settings = await (await library()).getSettings();
      return { warnDays: settings.warnDays };
    },
    async 'expiry:check'() {
      return runExpiryCheck(await library(), clock());
    },
  };
}
