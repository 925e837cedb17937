// The extension's library is the same IndexedDB store as the site's (core/store/store.ts), in the extension's own origin.
// One connection per background lifetime; a failed open is not cached, so the next message retries.
import { openLibrary, type Library } from '../../core/store';

let opening: Promise<Library> | null = null;

export function extensionLibrary(): Promise<Library> {
  opening ??= openLibrary().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}
