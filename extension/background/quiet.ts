// Acknowledge and snooze: which profiles the admin asked the badge to stop counting, and until when. Kept in
// storage.local (it outlives the service worker) as profile id → ISO instant; entries that have passed are dropped.
import browser from 'webextension-polyfill';
import type { Quieted } from './expiry';

const STORAGE_KEY = 'quiet';

export async function readQuieted(now: Date): Promise<Record<string, string>> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  const entries = typeof stored === 'object' && stored !== null ? Object.entries(stored as Record<string, unknown>) : [];
  return Object.fromEntries(
    entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string' && Date.parse(entry[1]) > now.getTime()),
  );
}

/** Pure: the map after quieting `id` until `until`, or after clearing it. */
export function withQuiet(quieted: Quieted, id: string, until: string | null): Record<string, string> {
  const next: Record<string, string> = { ...quieted };
  if (until === null) delete next[id];
  else next[id] = until;
  return next;
}

export async function setQuiet(id: string, until: string | null, now: Date): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEY]: withQuiet(await readQuieted(now), id, until) });
}
