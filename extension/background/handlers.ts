// The background's answers to every message in messages.ts, in one map.
import type { Library } from '../../core/store';
import { base64ToBytes, type Handlers } from '../messages';
import { libraryRow, needsAction } from './expiry';
import { runExpiryCheck } from './expiry-check';

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
      const [summaries, settings] = await Promise.all([lib.listProfiles(), lib.getSettings()]);
      const now = clock();
      return {
        warnDays: settings.warnDays,
        needAction: summaries.filter((summary) => needsAction(summary, now, settings.warnDays)).length,
        total: summaries.length,
        rows: summaries.slice(0, limit).map((summary) => libraryRow(summary, now, settings.warnDays)),
      };
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
