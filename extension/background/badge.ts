// The toolbar badge: a count, coloured by the worst state. Empty when nothing needs action, so a quiet badge means
// "all good", not "0".
import browser from 'webextension-polyfill';
import type { BadgeState } from '../messages';

export const BADGE_COLOURS = { expired: '#c5221f', expiring: '#b06000' } as const;

export function badgeText(state: BadgeState): string {
  if (state.count === 0) return '';
  return state.count > 99 ? '99+' : String(state.count);
}

export function badgeTitle(state: BadgeState): string {
  if (state.count === 0) return 'ProvLens: no profile needs action';
  const what = state.severity === 'expired' ? 'expired or expiring' : 'expiring';
  return `ProvLens: ${state.count} profile${state.count === 1 ? '' : 's'} ${what}`;
}

export async function showBadge(state: BadgeState): Promise<void> {
  await browser.action.setBadgeText({ text: badgeText(state) });
  await browser.action.setTitle({ title: badgeTitle(state) });
  if (state.severity !== 'none') {
    await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOURS[state.severity] });
    await browser.action.setBadgeTextColor?.({ color: '#ffffff' });
  }
}
