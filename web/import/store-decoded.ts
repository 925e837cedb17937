// The storing half of an import where it runs inside a decode worker: the worker opens the page's library by its
// database name and writes each group's profiles in one transaction (the store's own putProfiles, so the rules for
// replaced and kept-beside copies and the renewal links are the same), and the page is told only ids and statuses.
// Measured (tests/bench/web-bench.ts, 1,000 profiles): writing on the page cost its main thread about a second in
// IndexedDB puts and gets plus the decoded results' structured clones in and out; here that work is spread over the
// workers. The page's library still hears every write: the store announces changes on its BroadcastChannel.
// Renewal links are left to the page, once, at the end of the import (Library.putProfilesUnlinked says why): each
// stored profile names the App IDs to relink. Apps stay for the page to store (library-writer.ts): each must follow
// every profile stored before it.
import type { Library, PutStatus } from '../../core/store';
import { toErrorData } from '../../core/errors';
import { failure, type DecodedFile, type ImportFailure } from './decode-group';

/** A profile the worker stored (what the page counts and may open), or could not store: the group's write failed,
 *  leaving the library as it was, and `notStored` says why (the same failure for every profile of the group). */
export type StoredFile =
  | { fileName: string; stored: { id: string; status: PutStatus; relink: string[] } }
  | { fileName: string; notStored: ImportFailure };

export type ImportedFile = DecodedFile | StoredFile;

export async function storeDecoded(library: Pick<Library, 'putProfilesUnlinked'>, decoded: readonly DecodedFile[]): Promise<ImportedFile[]> {
  const profiles = decoded.flatMap((entry, position) =>
    'failure' in entry || entry.result.kind !== 'profile' ? [] : [{ position, input: { fileName: entry.fileName, bytes: entry.bytes, result: entry.result } }],
  );
  const files: ImportedFile[] = [...decoded];
  if (profiles.length === 0) return files;
  try {
    const outcomes = await library.putProfilesUnlinked(profiles.map(({ input }) => input));
    profiles.forEach(({ position, input }, index) => {
      const outcome = outcomes[index];
      if (outcome) files[position] = { fileName: input.fileName, stored: outcome };
    });
  } catch (error) {
    const notStored = failure(`(saving ${profiles.length} profiles to the library)`, toErrorData(error));
    for (const { position, input } of profiles) files[position] = { fileName: input.fileName, notStored };
  }
  return files;
}
