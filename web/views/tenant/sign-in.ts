// Sign in with Microsoft, behind a small interface so the tenant board never sees MSAL and unit tests use a fake.
// The implementation (msal-sign-in.ts, @azure/msal-browser) loads only when the admin presses the button
// (load-sign-in.ts).
import { CLOUDS, type CloudName } from '../../../core/export/clouds';
import type { SignInApp } from '../../../core/store';

export interface SignIn {
  /** Opens Microsoft's sign-in window for these scopes (bare Graph scope names) and returns the access token. Asking
   *  again with more scopes while signed in to the same cloud is incremental consent: the new token carries both. */
  signIn(cloud: CloudName, scopes: readonly string[]): Promise<string>;
  /** A current access token for every scope granted so far, renewed silently when it nears expiry. */
  token(): Promise<string>;
  /** Drops every token this sign-in holds (MSAL's in-memory cache included). */
  signOut(): Promise<void>;
}

export type SignInErrorCode =
  | 'not-configured' // no app registration for this cloud in Settings
  | 'cancelled' // the admin closed the window
  | 'popup-blocked' // the browser did not open the window
  | 'interaction-required' // the session ended (refresh token expired, consent or MFA needed): sign in again
  | 'signed-out' // token() after signOut(), or before any signIn()
  | 'failed'; // anything else, with Microsoft's own words

export class SignInError extends Error {
  override readonly name = 'SignInError';

  constructor(
    readonly code: SignInErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Scopes as the cloud's own Graph resource names them ("https://graph.microsoft.us/DeviceManagementApps.Read.All"):
 *  national clouds require the full name for anything but the global Graph, and it is never ambiguous. */
export function graphScopes(cloud: CloudName, names: readonly string[]): string[] {
  return names.map((name) => `${CLOUDS[cloud].graphRoot}/${name}`);
}

/** The redirect URI to register: the bridge page beside this site's index.html, wherever the site is hosted. */
export function redirectUri(base: string = document.baseURI): string {
  const url = new URL('auth/redirect.html', base);
  url.hash = '';
  url.search = '';
  return url.href;
}

/** The authority: the cloud's sign-in host and the admin's own tenant (single-tenant app registration). */
export function authority(cloud: CloudName, app: SignInApp): string {
  return `${CLOUDS[cloud].signInRoot}/${encodeURIComponent(app.tenantId)}`;
}

export type SignInFactory = (apps: Partial<Record<CloudName, SignInApp>>) => Promise<SignIn>;
