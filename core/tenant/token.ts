// What a Microsoft Graph access token says about itself. Microsoft identity platform access tokens are JWTs (RFC 7519:
// base64url header.payload.signature); ProvLens reads the payload's claims without verifying the signature — Graph
// verifies it on every request, and a page cannot (Graph's tokens are not meant for their client to validate). Claims
// read (Microsoft Learn, "Access token claims reference"): scp (delegated scopes, space-separated), roles (application
// permissions), exp (seconds since the epoch), aud (Graph's URI for the cloud, or its app ID
// 00000003-0000-0000-c000-000000000000), tid, upn / preferred_username / unique_name, app_displayname.
// A token that is not a JWT (personal accounts get opaque ones) is passed to Graph as is: Graph decides.
import { fromBase64 } from '../base64';
import { formatUtc } from '../dates';
import { ProvlensError } from '../errors';
import { CLOUDS, CLOUD_NAMES, type CloudName } from '../export/clouds';
import { READ_SCOPES, WRITE_SCOPE, type TokenInfo } from './types';

/** Microsoft Graph's application ID: the aud of a v2.0 token for Graph in every cloud. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

type ReadScope = (typeof READ_SCOPES)[number];

/** Scopes that include each read scope: a wider permission grants the narrower one (Microsoft Graph permissions
 *  reference; GET /groups/{id} takes any of GroupMember.Read.All, Group.Read.All, Directory.Read.All and their
 *  write forms). */
const SATISFIED_BY: Readonly<Record<ReadScope, readonly string[]>> = {
  'DeviceManagementApps.Read.All': ['DeviceManagementApps.Read.All', 'DeviceManagementApps.ReadWrite.All'],
  'GroupMember.Read.All': [
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'Directory.AccessAsUser.All',
  ],
  'DeviceManagementRBAC.Read.All': ['DeviceManagementRBAC.Read.All', 'DeviceManagementRBAC.ReadWrite.All'],
};

/** What each read scope lets the board show, for the sentence about a missing one. */
const WHAT_IT_READS: Readonly<Record<ReadScope, string>> = {
  'DeviceManagementApps.Read.All': 'the iOS app provisioning profiles and apps',
  'GroupMember.Read.All': 'group names',
  'DeviceManagementRBAC.Read.All': 'scope tag names',
};

// RFC 6750 b64token characters, the only ones a bearer token may hold.
const TOKEN_CHARACTERS = /^[A-Za-z0-9\-._~+/]+=*$/;
// Shorter than any token Microsoft issues (opaque MSA tokens run to hundreds of characters): a word, not a token.
const MIN_TOKEN_LENGTH = 32;

/** Reads a pasted access token's claims; throws ProvlensError('invalid-token') for text that is no token at all. */
export function readAccessToken(token: string, cloud: CloudName, now: Date = new Date()): TokenInfo {
  const bare = bareToken(token);
  if (bare === '') throw invalid('Nothing was pasted: paste the access token itself (it starts with "eyJ" for most accounts).');
  if (/\s/.test(bare)) throw invalid('The access token contains spaces or line breaks; a token is one unbroken string. Copy it again.');
  if (!TOKEN_CHARACTERS.test(bare) || bare.length < MIN_TOKEN_LENGTH) {
    throw invalid('That is not an access token: tokens are long strings of letters, digits and - _ . characters (most start with "eyJ").');
  }
  const parts = bare.split('.');
  if (parts.length !== 3) return opaque(cloud);
  const header = decodeSegment(parts[0] ?? '');
  const claims = decodeSegment(parts[1] ?? '');
  if (!header || !claims) {
    throw invalid('The token looks like a JWT, but its header or claims are not readable JSON: it was cut short or changed while copying. Copy it again.');
  }
  return fromClaims(claims, cloud, now);
}

function invalid(message: string): ProvlensError {
  return new ProvlensError('invalid-token', message);
}

// Admins paste what a browser's network panel or a script shows: "Bearer eyJ…" or the whole header line.
/** The text an admin pastes, as a bearer token: surrounding space and a leading "Authorization:" or "Bearer " (what a
 *  network panel shows) are not part of it. */
export function bareToken(token: string): string {
  return token.trim().replace(/^authorization:\s*/i, '').replace(/^bearer\s+/i, '').trim();
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = fromBase64(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function opaque(cloud: CloudName): TokenInfo {
  return {
    kind: 'opaque',
    scopes: [],
    access: 'unknown',
    missingRead: [],
    canWrite: false,
    expiresAt: null,
    expired: false,
    audience: null,
    audienceCloud: null,
    tenantId: null,
    user: null,
    appName: null,
    warnings: [`This token cannot be read here (it is not a JWT), so its permissions and expiry are unknown; Microsoft Graph (${host(cloud)}) decides what it allows.`],
  };
}

function fromClaims(claims: Record<string, unknown>, cloud: CloudName, now: Date): TokenInfo {
  const delegated = typeof claims.scp === 'string';
  const scopes = delegated ? (claims.scp as string).split(' ').filter(Boolean) : stringList(claims.roles);
  const has = (scope: string) => scopes.some((granted) => granted.toLowerCase() === scope.toLowerCase());
  const missingRead = READ_SCOPES.filter((scope) => !SATISFIED_BY[scope].some(has));
  const canWrite = has(WRITE_SCOPE);
  const expiresAt = typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? new Date(claims.exp * 1000).toISOString() : null;
  const expired = expiresAt !== null && Date.parse(expiresAt) <= now.getTime();
  const audience = typeof claims.aud === 'string' ? claims.aud : null;
  const audienceCloud = cloudOfAudience(audience);
  const info: TokenInfo = {
    kind: delegated ? 'delegated' : 'application',
    scopes,
    access: access(missingRead, canWrite),
    missingRead,
    canWrite,
    expiresAt,
    expired,
    audience,
    audienceCloud,
    tenantId: text(claims.tid),
    user: text(claims.upn) ?? text(claims.preferred_username) ?? text(claims.unique_name),
    appName: text(claims.app_displayname),
    warnings: [],
  };
  info.warnings = warnings(info, cloud);
  return info;
}

function access(missingRead: readonly string[], canWrite: boolean): TokenInfo['access'] {
  // Without the apps scope nothing on the board can be read; the other two only name groups and scope tags.
  if (missingRead.includes('DeviceManagementApps.Read.All')) return 'none';
  if (missingRead.length > 0) return 'partial';
  return canWrite ? 'read-write' : 'read';
}

/** Which cloud's Graph an aud names: its service root (with or without a trailing slash). The app ID names Graph in
 *  every cloud alike, so it names no one cloud. */
export function cloudOfAudience(audience: string | null): CloudName | null {
  if (!audience) return null;
  const normalised = audience.toLowerCase().replace(/\/+$/, '');
  return CLOUD_NAMES.find((name) => CLOUDS[name].graphRoot === normalised) ?? null;
}

function warnings(info: TokenInfo, cloud: CloudName): string[] {
  const found = refusals(info, cloud);
  for (const scope of info.missingRead as ReadScope[]) {
    found.push(`The token lacks ${scope}, so ${WHAT_IT_READS[scope]} cannot be read.`);
  }
  if (!info.canWrite) found.push(`The token lacks ${WRITE_SCOPE}: the board can be read, but Push to Intune and Renew in place need that permission.`);
  return found;
}

/** Why Graph will certainly refuse this token for this cloud (expired, another cloud's Graph, another resource), in
 *  one sentence; null when nothing in its claims says so. A caller can stop before sending anything. */
export function tokenRefusal(info: TokenInfo, cloud: CloudName): string | null {
  return refusals(info, cloud)[0] ?? null;
}

function refusals(info: TokenInfo, cloud: CloudName): string[] {
  const found: string[] = [];
  if (info.expired && info.expiresAt) found.push(`This token expired on ${formatUtc(info.expiresAt)}; get a new one (Graph Explorer issues tokens that last about an hour).`);
  if (info.audienceCloud && info.audienceCloud !== cloud) {
    found.push(`This token is for ${CLOUDS[info.audienceCloud].label} (${host(info.audienceCloud)}), not ${CLOUDS[cloud].label} (${host(cloud)}): pick that cloud or get a token for this one.`);
  } else if (info.audience && !info.audienceCloud && info.audience.toLowerCase() !== GRAPH_APP_ID) {
    found.push(`This token is for ${info.audience}, not Microsoft Graph; Graph will refuse it. Get a token for Microsoft Graph (${host(cloud)}).`);
  }
  return found;
}

function host(cloud: CloudName): string {
  return new URL(CLOUDS[cloud].graphRoot).host;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
