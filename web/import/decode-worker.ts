// A decode worker (a module worker, built by Vite as its own chunk): takes groups of Files, reads and decodes them
// off the main thread, and hands back plain results with their bytes transferred, not copied. The core is
// worker-safe: its plist reader needs no DOMParser, and crypto is WebCrypto, injected here as on the page.
import { embeddedProfileFiles, inspect, toErrorData, useWebCrypto } from '../../core/index';
import { decodeGroup, transferables } from './decode-group';
import type { DecodeReply, DecodeRequest } from './decode-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: DecodeReply, transfer: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const core = { inspect, embeddedProfileFiles, toErrorData };
useWebCrypto(globalThis.crypto);

scope.onmessage = ({ data: { job, files } }) => {
  decodeGroup(core, files).then(
    (decoded) => scope.postMessage({ job, decoded }, transferables(decoded)),
    // decodeGroup turns each file's failure into data; this is a bug or an exhausted worker, not a bad file.
    (error: unknown) => scope.postMessage({ job, error: toErrorData(error) }, []),
  );
};
