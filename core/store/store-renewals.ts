// Renewal links between stored profiles: profiles for the same application-identifier, team and type, ordered by
// ExpirationDate then CreationDate (Apple TN3125 fields), form a chain in which each one "renews" the one before.
// The type is part of the rule because a development profile never renews an in-house one: Intune pushes the
// in-house chain only, and a newer ad hoc profile for the same App ID must not mark it superseded.
// Links are recomputed from the index inside the writing transaction, so they never disagree with the records.
import { queue } from './store-errors';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { LibrarySchema, ProfileSummary } from './records';

export type ProfilesStore<Mode extends 'readwrite' | 'versionchange'> = IDBPObjectStore<
  LibrarySchema,
  StoreNames<LibrarySchema>[],
  'profiles',
  Mode
>;

/** Rewrites renewalOf/renewedBy for every profile of the given application-identifiers whose links changed.
 *  `pending` records are about to be written: they are linked and put once here, so an import writes each record a
 *  single time instead of once plain and again with its links. */
export async function relinkRenewals<Mode extends 'readwrite' | 'versionchange'>(
  store: ProfilesStore<Mode>,
  appIdentifiers: Iterable<string | null>,
  pending: ReadonlyMap<string, ProfileSummary> = new Map(),
): Promise<void> {
  const distinct = new Set<string>();
  for (const appIdentifier of appIdentifiers) if (appIdentifier) distinct.add(appIdentifier);
  for (const record of pending.values()) {
    if (record.appIdentifier) distinct.add(record.appIdentifier);
    else queue(store.put({ ...record, renewalOf: null, renewedBy: null }));
  }
  const index = store.index('by-app-identifier');
  await Promise.all(
    [...distinct].map(async (appIdentifier) => {
      const stored = (await index.getAll(appIdentifier)).filter((record) => !pending.has(record.id));
      const incoming = [...pending.values()].filter((record) => record.appIdentifier === appIdentifier);
      const all = [...stored, ...incoming];
      // A copy kept beside a verified record (core/store/store.ts copyId) renews nothing and is renewed by nothing.
      for (const copy of all.filter(isKeptCopy)) {
        if (pending.has(copy.id) || copy.renewalOf !== null || copy.renewedBy !== null) {
          queue(store.put({ ...copy, renewalOf: null, renewedBy: null }));
        }
      }
      for (const chain of groupByRenewalLine(all.filter((record) => !isKeptCopy(record))).values()) {
        chain.sort(renewalOrder);
        chain.forEach((record, position) => {
          const renewalOf = chain[position - 1]?.id ?? null;
          const renewedBy = chain[position + 1]?.id ?? null;
          if (pending.has(record.id) || record.renewalOf !== renewalOf || record.renewedBy !== renewedBy) {
            queue(store.put({ ...record, renewalOf, renewedBy }));
          }
        });
      }
    }),
  );
}

export function isKeptCopy(record: Pick<ProfileSummary, 'id'>): boolean {
  return record.id.includes('~');
}

/** Groups one application-identifier's records by team and profile type. */
function groupByRenewalLine(records: ProfileSummary[]): Map<string, ProfileSummary[]> {
  const lines = new Map<string, ProfileSummary[]>();
  for (const record of records) {
    const line = JSON.stringify([record.teamId ?? '', record.result.profile?.type ?? '']);
    const chain = lines.get(line);
    if (chain) chain.push(record);
    else lines.set(line, [record]);
  }
  return lines;
}

/** Older first. ISO-8601 UTC strings order correctly as text; the id breaks ties so the order is stable. */
export function renewalOrder(a: ProfileSummary, b: ProfileSummary): number {
  return (
    compareText(a.expiresAt, b.expiresAt) ||
    compareText(a.result.profile?.createdAt ?? null, b.result.profile?.createdAt ?? null) ||
    compareText(a.id, b.id)
  );
}

function compareText(a: string | null, b: string | null): number {
  const left = a ?? '';
  const right = b ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}
