// Access tokens for the stand-in: JWT-shaped (header.payload.signature, base64url) with the claims Microsoft Entra ID
// puts in a delegated Graph token (aud, scp, exp, tid, upn, app_displayname), but unsigned: the signature segment is
// random bytes. Graph verifies a real token's signature; the stand-in instead knows which tokens it issued (see
// server.ts), which is the same behaviour seen from the page: a token it did not issue gets 401.
import { randomBytes, randomUUID } from 'node:crypto';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const STAND_IN_TENANT_ID = '7e1d0c5a-2b6f-4c3e-9a8d-5f4e3d2c1b0a';

/** The delegated scopes of a read-only board and of one that may act (issue 18). */
export const READ_ONLY_SCOPES = ['DeviceManagementApps.Read.All', 'GroupMember.Read.All'] as const;
export const READ_WRITE_SCOPES = ['DeviceManagementApps.ReadWrite.All', 'GroupMember.Read.All', 'DeviceManagementRBAC.Read.All'] as const;

export interface TokenClaims {
  scopes: readonly string[];
  /** exp; the stand-in refuses the token from this instant on. */
  expiresAt: Date;
  issuedAt?: Date;
  audience?: string;
  user?: string;
  appName?: string;
}

function base64Url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export function makeToken(claims: TokenClaims): string {
  const issuedAt = claims.issuedAt ?? new Date(claims.expiresAt.getTime() - 3_600_000);
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: 'stand-in' };
  const payload = {
    aud: claims.audience ?? GRAPH_AUDIENCE,
    iss: `https://sts.windows.net/${STAND_IN_TENANT_ID}/`,
    iat: seconds(issuedAt),
    nbf: seconds(issuedAt),
    exp: seconds(claims.expiresAt),
    app_displayname: claims.appName ?? 'Graph Explorer',
    appid: 'de8bc8b5-d9f9-48b1-a8ad-b748da725064',
    idtyp: 'user',
    name: 'Avery Admin',
    oid: randomUUID(),
    scp: claims.scopes.join(' '),
    tid: STAND_IN_TENANT_ID,
    upn: claims.user ?? 'avery.admin@contoso.example',
    ver: '1.0',
  };
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}.${base64Url(randomBytes(48))}`;
}

export interface ReadToken {
  aud: string | null;
  scopes: string[];
  exp: number | null;
}

/** The claims the stand-in checks; null for anything that is not a JWT. */
export function readToken(token: string): ReadToken | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      aud: typeof payload.aud === 'string' ? payload.aud : null,
      scopes: typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [],
      exp: typeof payload.exp === 'number' ? payload.exp : null,
    };
  } catch {
    return null;
  }
}
