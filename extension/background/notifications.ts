// One notification per profile per threshold crossing, not one a day: what was already announced is remembered in
// storage.local as "<profile id>|<threshold>" keys, which outlive the service worker.
import browser from 'webextension-polyfill';
import { daysText, formatLocal } from '../../core/dates';
import { crossedThreshold, verdictOf, type ExpirySubject, type Threshold } from './expiry';

const STORAGE_KEY = 'notified';

export interface PlannedNotification {
  key: string;
  subject: ExpirySubject;
  threshold: Threshold;
}

export interface NotificationPlan {
  send: PlannedNotification[];
  /** The keys to remember afterwards: announced crossings of profiles that still need action. */
  remember: string[];
}

export function notificationKey(id: string, threshold: Threshold): string {
  return `${id}|${threshold}`;
}

/** Pure: which crossings are new. Keys of profiles that were deleted, renewed or left the window are forgotten. */
export function planNotifications(
  subjects: readonly ExpirySubject[],
  now: Date,
  warnDays: number,
  announced: ReadonlySet<string>,
): NotificationPlan {
  const send: PlannedNotification[] = [];
  const remember: string[] = [];
  for (const subject of subjects) {
    const threshold = crossedThreshold(subject, now, warnDays);
    if (threshold === null) continue;
    const key = notificationKey(subject.id, threshold);
    remember.push(...[...announced].filter((old) => old.startsWith(`${subject.id}|`) && old !== key), key);
    if (!announced.has(key)) send.push({ key, subject, threshold });
  }
  return { send, remember };
}

/** Only in-house iOS profiles Intune can push reach here (crossedThreshold), so the Intune advice always applies;
 *  dates are in the reader's zone, named, as in every other view. */
export function notificationText(planned: PlannedNotification, now: Date, warnDays = 30): { title: string; message: string } {
  const { subject } = planned;
  const name = subject.result.profile?.name ?? subject.fileName;
  const verdict = verdictOf(subject, now, warnDays);
  const end = verdict?.stopsLaunchingOn ?? subject.expiresAt;
  const date = end ? formatLocal(end) : '';
  const certificate = verdict?.stopsLaunchingBecause === 'certificate';
  if (planned.threshold === 'expired') {
    return {
      title: `${certificate ? 'Stopped launching' : 'Expired'}: ${name}`,
      message: certificate
        ? `Its signing certificate expired on ${date}: re-sign the app with a new certificate and redeploy it.`
        : `Expired on ${date}. Apps using it close at launch: push a renewed profile through Intune.`,
    };
  }
  const days = verdict?.daysLeft ?? 0;
  const when = days === 0 ? 'within a day' : `in ${daysText(days, false).replace(' left', '')}`;
  return {
    title: `${certificate ? 'Stops launching' : 'Expires'} ${when}: ${name}`,
    message: certificate
      ? `Its signing certificate ends on ${date}: re-sign the app with a new certificate before then.`
      : `Expires on ${date}. Renew it in Apple Developer and upload it to Intune before then.`,
  };
}

export async function announcedKeys(): Promise<Set<string>> {
  const stored = await browser.storage.local.get(STORAGE_KEY);
  const keys = stored[STORAGE_KEY];
  return new Set(Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : []);
}

/** Shows the new crossings and records them, so the next daily run stays silent about them. */
export async function announceCrossings(subjects: readonly ExpirySubject[], now: Date, warnDays: number): Promise<number> {
  const plan = planNotifications(subjects, now, warnDays, await announcedKeys());
  for (const planned of plan.send) {
    await browser.notifications.create(`provlens:${planned.key}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('extension/icons/icon-128.png'),
      ...notificationText(planned, now, warnDays),
    });
  }
  await browser.storage.local.set({ [STORAGE_KEY]: plan.remember });
  return plan.send.length;
}
