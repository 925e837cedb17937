// Sign in with Microsoft through @azure/msal-browser v5: authorization code + PKCE in a pop-up (the board's state
// survives it), answered through the redirect bridge page (web/auth/redirect.html), with the admin's own single-tenant
// app registration. Tokens stay in MSAL's in-memory cache (cacheLocation 'memoryStorage'); signOut clears it.
//
// What MSAL v5 still writes outside memory with this configuration (read from its source, v5.31): while a pop-up is
// open, sessionStorage holds `msal.interaction.status` = {"clientId":"…","type":"signin"} (no token, no code, no
// verifier), removed when the pop-up finishes or fails; the PKCE verifier and the request stay in memory for the
// pop-up flow. It only reads sessionStorage's `msal.browser.log.level` / `…performance.enabled` debug switches.
// verifySSO (localStorage `msal.browser.sso.capable`) is off by default and left off; no cookies are written.
import {
  BrowserAuthError,
  BrowserAuthErrorCodes,
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import type { CloudName } from '../../../core/export/clouds';
import type { SignInApp } from '../../../core/store';
import { authority, graphScopes, SignInError, type SignIn } from './sign-in';

/** The few PublicClientApplication calls used here, so tests can hand in a fake. */
export type MsalClient = Pick<IPublicClientApplication, 'acquireTokenPopup' | 'acquireTokenSilent' | 'clearCache'>;

export type MsalClientFactory = (configuration: Configuration) => Promise<MsalClient>;

const createClient: MsalClientFactory = async (configuration) => {
  const client = new PublicClientApplication(configuration);
  await client.initialize();
  return client;
};

export function msalConfiguration(cloud: CloudName, app: SignInApp, redirect: string): Configuration {
  return {
    auth: {
      clientId: app.clientId,
      authority: authority(cloud, app),
      redirectUri: redirect,
      // Sign out here forgets the tokens; it does not end the admin's Microsoft session in this browser.
      postLogoutRedirectUri: null,
    },
    cache: { cacheLocation: 'memoryStorage' },
  };
}

interface Session {
  cloud: CloudName;
  app: SignInApp;
  client: MsalClient;
  account: AccountInfo;
  /** Full scope names granted so far, for silent renewal. */
  scopes: string[];
}

export function msalSignIn(
  apps: Partial<Record<CloudName, SignInApp>>,
  redirect: string,
  create: MsalClientFactory = createClient,
): SignIn {
  let session: Session | null = null;
  let client: { cloud: CloudName; app: SignInApp; client: MsalClient } | null = null;

  return {
    async signIn(cloud, names) {
      const app = apps[cloud];
      if (!app) throw new SignInError('not-configured', `No app registration for this cloud: add its client ID and tenant ID in Settings.`);
      if (!client || client.cloud !== cloud || client.app.clientId !== app.clientId || client.app.tenantId !== app.tenantId) {
        await session?.client.clearCache();
        session = null;
        client = { cloud, app, client: await create(msalConfiguration(cloud, app, redirect)) };
      }
      const current = session?.cloud === cloud ? session : null;
      const scopes = [...new Set([...(current?.scopes ?? []), ...graphScopes(cloud, names)])];
      try {
        const result = await client.client.acquireTokenPopup({
          scopes,
          ...(current ? { account: current.account } : { prompt: 'select_account' }),
        });
        if (!result.account) throw new SignInError('failed', 'Microsoft answered without an account.');
        session = { cloud, app, client: client.client, account: result.account, scopes };
        return result.accessToken;
      } catch (error) {
        throw signInError(error);
      }
    },

    async token() {
      if (!session) throw new SignInError('signed-out', 'Not signed in.');
      try {
        // Cached token, else the refresh token; never the hidden-iframe renewal, which the page's CSP (frame-src
        // 'none') blocks: an ended session says "sign in again" at once instead of timing out.
        const result = await session.client.acquireTokenSilent({ scopes: session.scopes, account: session.account, cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken });
        return result.accessToken;
      } catch (error) {
        throw signInError(error);
      }
    },

    async signOut() {
      const ending = client?.client;
      session = null;
      client = null;
      // clearCache empties MSAL's memory cache (accounts, ID, access and refresh tokens) without a trip to Microsoft.
      await ending?.clearCache();
    },
  };
}

/** MSAL's errors in the board's words; Microsoft's own message (an AADSTS code) is kept for the rest. */
export function signInError(error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  if (error instanceof InteractionRequiredAuthError) {
    return new SignInError('interaction-required', 'Your Microsoft sign-in has ended: sign in again.', { cause: error });
  }
  if (error instanceof BrowserAuthError) {
    switch (error.errorCode) {
      case BrowserAuthErrorCodes.userCancelled:
        return new SignInError('cancelled', 'The sign-in window was closed before signing in finished.', { cause: error });
      case BrowserAuthErrorCodes.popupWindowError:
      case BrowserAuthErrorCodes.emptyWindowError:
        return new SignInError('popup-blocked', 'The browser blocked the sign-in window: allow pop-ups for this site, then press Sign in with Microsoft again.', { cause: error });
      default:
        break;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SignInError('failed', `Microsoft sign-in failed: ${message}`, { cause: error });
}
