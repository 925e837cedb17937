// Local HTTPS for the stand-in portal. Chromium maps intune.microsoft.com and *.reactblade.portal.azure.net here
// (--host-resolver-rules), so the extension's real content-script matches apply. The certificate is made at test
// time with the openssl CLI and thrown away; Chromium runs with --ignore-certificate-errors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PORTAL_HOST = 'intune.microsoft.com';
export const BLADE_HOST = 'intuneapps.reactblade.portal.azure.net';
/** Sovereign clouds: the portal hosts are documented; their blade frame hosts are UNVERIFIED guesses (DOMAIN.md). */
export const CLOUDS = {
  global: { portal: PORTAL_HOST, blade: BLADE_HOST },
  usGovernment: { portal: 'intune.microsoft.us', blade: 'intuneapps.reactblade.portal.azure.us' },
  china: { portal: 'intune.microsoftonline.cn', blade: 'intuneapps.reactblade.portal.azure.cn' },
} as const;
export const ALL_HOSTS: readonly string[] = Object.values(CLOUDS).flatMap(({ portal, blade }) => [portal, blade]);

const PAGES: Readonly<Record<string, string>> = {
  '/': 'shell.html',
  '/blade.html': 'blade.html',
  '/shadow.html': 'shadow.html',
  '/hash.html': 'hash.html',
};

export interface PortalStandIn {
  port: number;
  /** The shell's URL on the real host name, with a portal-like route. */
  url: string;
  /** A page of the stand-in on a given host, e.g. pageUrl('intune.microsoft.us', '/', { blade: … }). */
  pageUrl(host: string, path: string, query?: Record<string, string>): string;
  /** Every request as "host path", in order. */
  requests: string[];
  close(): Promise<void>;
}

function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'provlens-portal-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${PORTAL_HOST}`,
      '-addext', `subjectAltName=${ALL_HOSTS.map((host) => `DNS:${host}`).join(',')}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startPortalStandIn(): Promise<PortalStandIn> {
  const requests: string[] = [];
  const server = createServer(throwawayCertificate(), (request, response) => {
    const path = new URL(request.url ?? '/', 'https://x').pathname;
    requests.push(`${request.headers.host?.split(':')[0] ?? ''} ${path}`);
    const page = PAGES[path];
    if (!page) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(readFileSync(join(import.meta.dirname, page)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const route = '#view/Microsoft_Intune_Apps/IosProvisioningProfileCreate.ReactView/tenantId/00000000-0000-0000-0000-000000000000';
  return {
    port,
    url: `https://${PORTAL_HOST}:${port}/${route}`,
    pageUrl: (host, path, query = {}) => {
      const search = new URLSearchParams(query).toString();
      return `https://${host}:${port}${path}${search ? `?${search}` : ''}${path === '/' ? route : ''}`;
    },
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
