// The daily job (and the follow-up to every save): badge and notifications from the stored summaries.
import type { Library } from '../../core/store';
import type { BadgeState } from '../messages';
import { showBadge } from './badge';
import { badgeState } from './expiry';
import { announceCrossings } from './notifications';

export const DAILY_ALARM = 'provlens-daily-expiry';

export async function runExpiryCheck(library: Library, now = new Date()): Promise<BadgeState> {
  const [summaries, settings] = await Promise.all([library.listProfiles(), library.getSettings()]);
  const state = badgeState(summaries, now, settings.warnDays);
  await showBadge(state);
  await announceCrossings(summaries, now, settings.warnDays);
  return state;
}
