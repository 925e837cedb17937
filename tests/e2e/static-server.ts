// A tiny static host for the built site, mounted under a sub-path so every e2e run also proves the build works away
// from the domain root (relative base). Records each request so tests can assert what the page asked for.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const DEFAULT_SUB_PATH = '/some/sub/path/';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticServer {
  /** Absolute URL of the site's root, ending in the sub-path (e.g. http://127.0.0.1:41234/some/sub/path/). */
  url: string;
  origin: string;
  /** Every path requested so far, in order (query strings included). */
  requests: string[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  root: string;
  subPath?: string;
  /** Set to refuse every request, e.g. to prove the site reloads offline from its service worker. */
  offline?: { value: boolean };
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const subPath = options.subPath ?? DEFAULT_SUB_PATH;
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const rawUrl = request.url ?? '/';
    requests.push(rawUrl);
    if (options.offline?.value) {
      // Closing the socket without an answer is what a dropped network looks like to the browser.
      request.socket.destroy();
      return;
    }
    const file = resolveFile(root, subPath, rawUrl);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      // No caching: each test must see the current build, and offline behaviour must come from the service worker.
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { url: origin + subPath, origin, requests, close: () => closeServer(server) };
}

/** Maps a request path under the sub-path to a file inside root; null for anything outside either. */
function resolveFile(root: string, subPath: string, rawUrl: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(rawUrl, 'http://host').pathname);
  } catch {
    return null;
  }
  if (!pathname.startsWith(subPath)) return null;
  const relative = pathname.slice(subPath.length) || 'index.html';
  const candidate = normalize(join(root, relative));
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  try {
    const stats = statSync(candidate);
    if (stats.isFile()) return candidate;
    if (stats.isDirectory()) {
      const index = join(candidate, 'index.html');
      return statSync(index).isFile() ? index : null;
    }
  } catch {
    return null;
  }
  return null;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done, fail) => server.close((error) => (error ? fail(error) : done())));
}
