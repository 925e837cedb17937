// A decode worker (a module worker, built by Vite as its own chunk): takes groups of files the page has read,
// decodes them off the main thread and, when asked, stores their profiles in the page's library (store-decoded.ts);
// it hands back plain results with their bytes transferred, not copied. The core is worker-safe: its plist reader
// needs no DOMParser, and crypto is WebCrypto, injected here as on the page.
import { embeddedProfileFiles, inspect, toErrorData, useWebCrypto } from '../../core/index';
import { openLibrary, type Library } from '../../core/store';
import { decodeReadGroup, transferables } from './decode-group';
import type { DecodeReply, DecodeRequest, WorkerRequest } from './decode-protocol';
import { storeDecoded } from './store-decoded';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: DecodeReply, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const core = { inspect, embeddedProfileFiles, toErrorData };
useWebCrypto(globalThis.crypto);

const libraries = new Map<string, Promise<Library | null>>();
/** The library of that name, opened once; null where a worker cannot open it (the page then stores instead). */
function library(name: string): Promise<Library | null> {
  let opening = libraries.get(name);
  if (!opening) {
    opening = openLibrary({ name }).catch(() => null);
    libraries.set(name, opening);
  }
  return opening;
}

async function handle({ files, library: name }: DecodeRequest) {
  // The library opens (the first time) while the group decodes.
  const opening = name === undefined ? Promise.resolve(null) : library(name);
  const decoded = await decodeReadGroup(core, files);
  const target = await opening;
  return target ? storeDecoded(target, decoded) : decoded;
}

/** The import's last step, here rather than on the page: reading and rewriting each chain's records is IndexedDB
 *  work (structured clones, puts) that held the page's main thread for 0.4–0.9 s at 1,000 profiles. */
async function relink(appIdentifiers: readonly string[], name: string): Promise<void> {
  const target = await library(name);
  if (!target) throw new Error('This worker cannot open the library');
  await target.relinkRenewals(appIdentifiers);
}

scope.onmessage = ({ data }) => {
  if ('openLibrary' in data) {
    void library(data.openLibrary);
    return;
  }
  const { job } = data;
  if ('relink' in data) {
    relink(data.relink, data.library).then(
      () => scope.postMessage({ job, relinked: true }, []),
      (error: unknown) => scope.postMessage({ job, error: toErrorData(error) }, []),
    );
    return;
  }
  handle(data).then(
    (decoded) => scope.postMessage({ job, decoded }, transferables(decoded)),
    // decodeReadGroup and storeDecoded turn each file's failure into data; this is a bug or an exhausted worker.
    (error: unknown) => scope.postMessage({ job, error: toErrorData(error) }, []),
  );
};
