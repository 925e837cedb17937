// The daily job (and the follow-up to every save or acknowledgement): badge and notifications from the stored
// summaries, judged now with the stored warning window.
import type { Library } from '../../core/store';
import type { BadgeState } from '../messages';
import { showBadge } from './badge';
import { badgeState } from './expiry';
import { announceCrossings } from './notifications';
import { readQuieted } from './quiet';

export const DAILY_ALARM = 'provlens-daily-expiry';

export async function runExpiryCheck(library: Library, now = new Date()): Promise<BadgeState> {
  const [summaries, settings, quieted] = await Promise.all([library.listProfiles(), library.getSettings(), readQuieted(now)]);
  const state = badgeState(summaries, now, settings.warnDays, quieted);
  await showBadge(state);
  await announceCrossings(summaries, now, settings.warnDays);
  return state;
}
