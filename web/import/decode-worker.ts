// A decode worker (a module worker, built by Vite as its own chunk): takes groups of files the page has read,
// decodes them off the main thread and, when asked, stores their profiles in the page's library (store-decoded.ts);
// it hands back plain results with their bytes transferred, not copied. The core is worker-safe: its plist reader
// needs no DOMParser, and crypto is WebCrypto, injected here as on the page.
import { embeddedProfileFiles, inspect, toErrorData, useWebCrypto } from '../../core/index';
import { openLibrary, type Library } from '../../core/store';
import { decodeReadGroup, transferables } from './decode-group';
import type { DecodeReply, DecodeRequest } from './decode-protocol';
import { storeDecoded } from './store-decoded';

interface WorkerScope {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
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

scope.onmessage = ({ data }) => {
  const { job } = data;
  handle(data).then(
    (decoded) => scope.postMessage({ job, decoded }, transferables(decoded)),
    // decodeReadGroup and storeDecoded turn each file's failure into data; this is a bug or an exhausted worker.
    (error: unknown) => scope.postMessage({ job, error: toErrorData(error) }, []),
  );
};
