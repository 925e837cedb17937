// The service worker (an event page in Firefox): answers messages, keeps the badge current and runs the daily
// expiry check. Listeners are registered synchronously at the top level, as MV3 requires for a worker that was
// woken by one of these events.
import browser from 'webextension-polyfill';
import { messageListener } from './messages';
import { DAILY_ALARM, runExpiryCheck } from './background/expiry-check';
import { createHandlers } from './background/handlers';
import { extensionLibrary } from './background/library';

// Nothing here decodes: content scripts and extension pages send decoded results, so the worker never loads the
// decoder (pkijs) and wakes quickly.
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

// A click on an expiry notification opens that profile in the full view (tabs.create needs no permission).
browser.notifications.onClicked.addListener((notificationId) => {
  const id = notificationId.startsWith('provlens:') ? notificationId.slice('provlens:'.length).split('|')[0] : undefined;
  if (!id) return;
  const url = browser.runtime.getURL(`extension/full/index.html#/profile/${encodeURIComponent(id)}`);
  void browser.tabs.create({ url });
});
