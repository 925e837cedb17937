// @vitest-environment happy-dom
// Sign in with Microsoft through a fake MSAL client: the configuration each cloud gets (authority, redirect bridge,
// memory-only cache), full scope names, incremental consent on the same account, silent renewal, sign-out clearing
// MSAL's cache, and MSAL's errors in the board's words. Real MSAL runs only against Microsoft (not in tests).
import { BrowserAuthError, BrowserAuthErrorCodes, CacheLookupPolicy, InteractionRequiredAuthError, type AccountInfo, type AuthenticationResult, type Configuration } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { msalSignIn, signInError, type MsalClient } from '../../web/views/tenant/msal-sign-in';
import { redirectUri, SignInError } from '../../web/views/tenant/sign-in';

const APPS = {
  global: { clientId: '0b5f2c1e-4d3a-4e8b-9c7d-6a5b4c3d2e1f', tenantId: 'contoso.onmicrosoft.com' },
  usgov: { clientId: '11111111-2222-4333-8444-555555555555', tenantId: '22222222-3333-4444-8555-666666666666' },
  china: { clientId: '33333333-4444-4555-8666-777777777777', tenantId: 'contoso.partner.onmschina.cn' },
};
const BRIDGE = 'https://admin.example/provlens/auth/redirect.html';
const ACCOUNT = { homeAccountId: 'home', environment: 'login.microsoftonline.com', tenantId: 't', username: 'admin@contoso.com', localAccountId: 'l' } as AccountInfo;

function fakeMsal() {
  const configurations: Configuration[] = [];
  const clients: { popup: ReturnType<typeof vi.fn>; silent: ReturnType<typeof vi.fn>; clear: ReturnType<typeof vi.fn> }[] = [];
  let issued = 0;
  const create = async (configuration: Configuration): Promise<MsalClient> => {
    configurations.push(configuration);
    const popup = vi.fn(async () => ({ accessToken: `popup-token-${++issued}`, account: ACCOUNT }) as AuthenticationResult);
    const silent = vi.fn(async () => ({ accessToken: `silent-token-${++issued}`, account: ACCOUNT }) as AuthenticationResult);
    const clear = vi.fn(async () => undefined);
    clients.push({ popup, silent, clear });
    return { acquireTokenPopup: popup, acquireTokenSilent: silent, clearCache: clear } as unknown as MsalClient;
  };
  return { create, configurations, clients };
}

describe('Sign in with Microsoft (MSAL v5)', () => {
  it('signs in to the chosen cloud with the admin\'s app, the bridge page as redirect URI and a memory-only cache', async () => {
    const msal = fakeMsal();
    const signIn = msalSignIn(APPS, BRIDGE, msal.create);
    expect(await signIn.signIn('usgov', ['DeviceManagementApps.Read.All', 'GroupMember.Read.All'])).toBe('popup-token-1');
    expect(msal.configurations).toEqual([
      {
        auth: {
          clientId: APPS.usgov.clientId,
          authority: `https://login.microsoftonline.us/${APPS.usgov.tenantId}`,
          redirectUri: BRIDGE,
          postLogoutRedirectUri: null,
        },
        cache: { cacheLocation: 'memoryStorage' },
      },
    ]);
    expect(msal.clients[0]?.popup.mock.calls).toEqual([
      [{ scopes: ['https://graph.microsoft.us/DeviceManagementApps.Read.All', 'https://graph.microsoft.us/GroupMember.Read.All'], prompt: 'select_account' }],
    ]);
  });

  it('asks for the write scope on the same account (incremental consent), then renews silently with every scope', async () => {
    const msal = fakeMsal();
    const signIn = msalSignIn(APPS, BRIDGE, msal.create);
    await signIn.signIn('global', ['DeviceManagementApps.Read.All']);
    expect(await signIn.signIn('global', ['DeviceManagementApps.ReadWrite.All'])).toBe('popup-token-2');
    const both = ['https://graph.microsoft.com/DeviceManagementApps.Read.All', 'https://graph.microsoft.com/DeviceManagementApps.ReadWrite.All'];
    expect(msal.clients).toHaveLength(1);
    expect(msal.clients[0]?.popup.mock.calls[1]).toEqual([{ scopes: both, account: ACCOUNT }]);
    expect(await signIn.token()).toBe('silent-token-3');
    expect(msal.clients[0]?.silent.mock.calls).toEqual([[{ scopes: both, account: ACCOUNT, cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken }]]);
  });

  it('signs in to China at login.partner.microsoftonline.cn with the 21Vianet Graph\'s scope names', async () => {
    const msal = fakeMsal();
    await msalSignIn(APPS, BRIDGE, msal.create).signIn('china', ['DeviceManagementApps.Read.All']);
    expect(msal.configurations[0]?.auth.authority).toBe(`https://login.partner.microsoftonline.cn/${APPS.china.tenantId}`);
    expect(msal.clients[0]?.popup.mock.calls[0]?.[0].scopes).toEqual(['https://microsoftgraph.chinacloudapi.cn/DeviceManagementApps.Read.All']);
  });

  it('sign-out clears MSAL\'s cache and forgets the session; switching cloud starts a new one', async () => {
    const msal = fakeMsal();
    const signIn = msalSignIn(APPS, BRIDGE, msal.create);
    await signIn.signIn('global', ['DeviceManagementApps.Read.All']);
    await signIn.signIn('usgov', ['DeviceManagementApps.Read.All']);
    expect(msal.clients[0]?.clear).toHaveBeenCalledTimes(1);
    expect(msal.clients[1]?.popup.mock.calls[0]?.[0]).toEqual({ scopes: ['https://graph.microsoft.us/DeviceManagementApps.Read.All'], prompt: 'select_account' });
    await signIn.signOut();
    expect(msal.clients[1]?.clear).toHaveBeenCalledTimes(1);
    await expect(signIn.token()).rejects.toMatchObject({ code: 'signed-out' });
  });

  it('refuses a cloud without an app registration before loading anything', async () => {
    const msal = fakeMsal();
    await expect(msalSignIn(APPS, BRIDGE, msal.create).signIn('dod', ['DeviceManagementApps.Read.All'])).rejects.toMatchObject({
      code: 'not-configured',
      message: 'No app registration for this cloud: add its client ID and tenant ID in Settings.',
    });
    expect(msal.configurations).toEqual([]);
  });

  it('says what happened in the board\'s words', () => {
    expect(signInError(new BrowserAuthError(BrowserAuthErrorCodes.userCancelled, 'c')).code).toBe('cancelled');
    expect(signInError(new BrowserAuthError(BrowserAuthErrorCodes.popupWindowError, 'c')).message).toBe(
      'The browser blocked the sign-in window: allow pop-ups for this site, then press Sign in with Microsoft again.',
    );
    expect(signInError(new InteractionRequiredAuthError('interaction_required', 'c')).code).toBe('interaction-required');
    const other = signInError(new Error('AADSTS50011: The redirect URI does not match'));
    expect([other.code, other.message]).toEqual(['failed', 'Microsoft sign-in failed: AADSTS50011: The redirect URI does not match']);
    expect(signInError(new SignInError('signed-out', 'Not signed in.')).code).toBe('signed-out');
  });

  it('registers the bridge page beside the site, wherever it is hosted', () => {
    expect(redirectUri('https://admin.example/tools/provlens/index.html?sample#/tenant')).toBe('https://admin.example/tools/provlens/auth/redirect.html');
    expect(redirectUri('https://admin.example/tools/provlens/')).toBe('https://admin.example/tools/provlens/auth/redirect.html');
  });
});
