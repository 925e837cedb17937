// The service worker (an event page in Firefox): answers messages, keeps the badge current and runs the daily
// expiry check. Listeners are registered synchronously at the top level, as MV3 requires for a worker that was
// woken by one of these events.
import browser from 'webextension-polyfill';
import { useWebCrypto } from '../core/crypto';
import { messageListener } from './messages';
import { DAILY_ALARM, runExpiryCheck } from './background/expiry-check';
import { createHandlers } from './background/handlers';
import { extensionLibrary } from './background/library';

// The store hashes files with WebCrypto; nothing here decodes (no DOMParser in a worker).
useWebCrypto(crypto);

browser.runtime.onMessage.addListener(messageListener(createHandlers(extensionLibrary)));

async function checkNow(): Promise<void> {
  try {
    await runExpiryCheck(await extensionLibrary());
  } catch (error) {
    console.warn('ProvLens: expiry check failed', error);
  }
}

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === DAILY_ALARM) void checkNow();
});

async function scheduleDaily(): Promise<void> {
  // Re-creating an existing alarm would restart its period; keep the one that is there.
  if (!(await browser.alarms.get(DAILY_ALARM))) {
    await browser.alarms.create(DAILY_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
  }
  await checkNow();
}

browser.runtime.onInstalled.addListener(() => void scheduleDaily());
browser.runtime.onStartup.addListener(() => void scheduleDaily());
