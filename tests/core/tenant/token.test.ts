import { describe, expect, it } from 'vitest';
import { isProvlensError } from '../../../core/errors';
import { GRAPH_APP_ID, bareToken, readAccessToken, tokenRefusal } from '../../../core/tenant/token';
import { NOW, delegatedToken, makeJwt } from './jwt';

function errorOf(action: () => unknown): { code: string; message: string } | null {
  try {
    action();
  } catch (error) {
    return isProvlensError(error) ? { code: error.code, message: error.message } : { code: 'not a ProvlensError', message: String(error) };
  }
  return null;
}

describe('readAccessToken: delegated tokens', () => {
  it('reads a Graph Explorer token: read scopes, expiry, tenant, user and client; says it cannot write', () => {
    const info = readAccessToken(delegatedToken(), 'global', NOW);
    expect(info).toMatchObject({
      kind: 'delegated',
      access: 'read',
      missingRead: [],
      canWrite: false,
      expiresAt: '2020-06-15T10:00:00.000Z',
      expired: false,
      audience: 'https://graph.microsoft.com',
      audienceCloud: 'global',
      tenantId: '8d3f1c2e-5b4a-4c6d-9e8f-0a1b2c3d4e5f',
      user: 'admin@contoso.onmicrosoft.com',
      appName: 'Graph Explorer',
    });
    expect(info.scopes).toEqual(['DeviceManagementApps.Read.All', 'GroupMember.Read.All', 'DeviceManagementRBAC.Read.All', 'openid', 'profile']);
    expect(info.warnings).toEqual([
      'The token lacks DeviceManagementApps.ReadWrite.All: the board can be read, but Push to Intune and Renew in place need that permission.',
    ]);
  });

  it('strips "Bearer " and a pasted "Authorization:" header name', () => {
    const token = delegatedToken();
    expect(readAccessToken(`Bearer ${token}`, 'global', NOW).user).toBe('admin@contoso.onmicrosoft.com');
    expect(readAccessToken(`  Authorization: bearer ${token}\n`, 'global', NOW).user).toBe('admin@contoso.onmicrosoft.com');
  });

  it('counts wider scopes: ReadWrite includes Read, Directory.Read.All includes GroupMember.Read.All', () => {
    const info = readAccessToken(delegatedToken({ scp: 'DeviceManagementApps.ReadWrite.All Directory.Read.All DeviceManagementRBAC.ReadWrite.All' }), 'global', NOW);
    expect(info).toMatchObject({ access: 'read-write', missingRead: [], canWrite: true, warnings: [] });
    for (const groups of ['Group.Read.All', 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.AccessAsUser.All']) {
      const scoped = readAccessToken(delegatedToken({ scp: `DeviceManagementApps.Read.All DeviceManagementRBAC.Read.All ${groups}` }), 'global', NOW);
      expect(scoped.missingRead, groups).toEqual([]);
    }
  });

  it('names each missing read scope and what it costs; without the apps scope nothing can be read', () => {
    const partial = readAccessToken(delegatedToken({ scp: 'DeviceManagementApps.ReadWrite.All' }), 'global', NOW);
    expect(partial).toMatchObject({ access: 'partial', canWrite: true, missingRead: ['GroupMember.Read.All', 'DeviceManagementRBAC.Read.All'] });
    expect(partial.warnings).toEqual([
      'The token lacks GroupMember.Read.All, so group names cannot be read.',
      'The token lacks DeviceManagementRBAC.Read.All, so scope tag names cannot be read.',
    ]);
    const none = readAccessToken(delegatedToken({ scp: 'User.Read' }), 'global', NOW);
    expect(none.access).toBe('none');
    expect(none.warnings[0]).toBe('The token lacks DeviceManagementApps.Read.All, so the iOS app provisioning profiles and apps cannot be read.');
  });

  it('falls back to preferred_username, then unique_name, for the user', () => {
    expect(readAccessToken(delegatedToken({ upn: undefined, preferred_username: 'pat@contoso.com' }), 'global', NOW).user).toBe('pat@contoso.com');
    expect(readAccessToken(delegatedToken({ upn: undefined, unique_name: 'live.com#pat@outlook.com' }), 'global', NOW).user).toBe('live.com#pat@outlook.com');
  });
});

describe('readAccessToken: application tokens, expiry and audience', () => {
  it('reads roles as an application token', () => {
    const token = makeJwt({ aud: 'https://graph.microsoft.us', exp: 1592215200, roles: ['DeviceManagementApps.ReadWrite.All', 'Group.Read.All', 'DeviceManagementRBAC.Read.All'], tid: 't' });
    expect(readAccessToken(token, 'usgov', NOW)).toMatchObject({ kind: 'application', access: 'read-write', audienceCloud: 'usgov', user: null, warnings: [] });
  });

  it('says when the token has expired, judged at the clock given', () => {
    const token = delegatedToken({ exp: Math.floor(NOW.getTime() / 1000) - 60 });
    const info = readAccessToken(token, 'global', NOW);
    expect(info.expired).toBe(true);
    expect(info.warnings[0]).toBe('This token expired on 2020-06-15 08:59 UTC; get a new one (Graph Explorer issues tokens that last about an hour).');
    expect(readAccessToken(token, 'global', new Date(NOW.getTime() - 3_600_000)).expired).toBe(false);
  });

  it('says when aud names another cloud\'s Graph than the one picked', () => {
    const info = readAccessToken(delegatedToken({ aud: 'https://dod-graph.microsoft.us/' }), 'global', NOW);
    expect(info.audienceCloud).toBe('dod');
    expect(info.warnings[0]).toBe(
      'This token is for US Government L5 (DoD) (dod-graph.microsoft.us), not Microsoft global (commercial, including GCC) (graph.microsoft.com): pick that cloud or get a token for this one.',
    );
    const china = readAccessToken(delegatedToken({ aud: 'https://microsoftgraph.chinacloudapi.cn' }), 'china', NOW);
    expect(china.audienceCloud).toBe('china');
    expect(china.warnings.some((warning) => warning.includes('not '))).toBe(false);
  });

  it('takes Graph\'s app ID as Graph in any cloud, and names a token for another resource', () => {
    const byId = readAccessToken(delegatedToken({ aud: GRAPH_APP_ID }), 'usgov', NOW);
    expect(byId).toMatchObject({ audience: GRAPH_APP_ID, audienceCloud: null });
    expect(byId.warnings.filter((warning) => warning.startsWith('This token is for'))).toEqual([]);
    expect(tokenRefusal(byId, 'usgov')).toBeNull();
    const arm = readAccessToken(delegatedToken({ aud: 'https://management.azure.com/' }), 'global', NOW);
    expect(tokenRefusal(arm, 'global')).toBe(arm.warnings[0]);
    expect(arm.warnings[0]).toBe('This token is for https://management.azure.com/, not Microsoft Graph; Graph will refuse it. Get a token for Microsoft Graph (graph.microsoft.com).');
  });
});

describe('readAccessToken: opaque tokens and garbage', () => {
  it('passes an opaque token on, access unknown', () => {
    const opaque = 'EwBwA8l6BAAUkj1oV0sTDZx4' + 'A'.repeat(200) + '==';
    expect(readAccessToken(opaque, 'global', NOW)).toMatchObject({ kind: 'opaque', access: 'unknown', canWrite: false, expiresAt: null, scopes: [] });
  });

  it('refuses what is no token at all with invalid-token and one clear sentence', () => {
    expect(errorOf(() => readAccessToken('', 'global', NOW))?.code).toBe('invalid-token');
    expect(errorOf(() => readAccessToken('   \n', 'global', NOW))?.message).toMatch(/^Nothing was pasted/);
    expect(errorOf(() => readAccessToken('Bearer', 'global', NOW))?.code).toBe('invalid-token');
    expect(errorOf(() => readAccessToken('my token is secret', 'global', NOW))?.message).toMatch(/spaces or line breaks/);
    expect(errorOf(() => readAccessToken('hello', 'global', NOW))?.message).toMatch(/^That is not an access token/);
    expect(errorOf(() => readAccessToken('{"access_token": "x"}'.padEnd(40, '!'), 'global', NOW))?.code).toBe('invalid-token');
    const truncated = delegatedToken().split('.');
    const cut = `${truncated[0]}.${truncated[1]?.slice(0, 40)}.${truncated[2]}`;
    expect(errorOf(() => readAccessToken(cut, 'global', NOW))?.message).toMatch(/not readable JSON/);
  });

  it('never puts the token in its error message', () => {
    const token = delegatedToken();
    const broken = `${token.slice(0, 60)} ${token.slice(60)}`;
    expect(errorOf(() => readAccessToken(broken, 'global', NOW))?.message).not.toContain(token.slice(0, 60));
  });
});

describe('a pasted token', () => {
  it('is the token alone: no spaces around it, no "Bearer" or header name before it', () => {
    expect(bareToken('  eyJ0.eyJ1.c2ln \n')).toBe('eyJ0.eyJ1.c2ln');
    expect(bareToken('Bearer eyJ0.eyJ1.c2ln')).toBe('eyJ0.eyJ1.c2ln');
    expect(bareToken('Authorization: Bearer eyJ0.eyJ1.c2ln')).toBe('eyJ0.eyJ1.c2ln');
  });
});
