// A live connection to one tenant: where the token comes from (pasted, or Sign in with Microsoft), what its claims
// allow, and the GraphConnection the core reads and acts through. The token lives in this object's closure only —
// never in state that is stored, logged or exported — and end() forgets it.
import type { CloudName } from '../../../core/export/clouds';
import type { GraphConnection, TokenInfo } from '../../../core/tenant/types';
import type { SignIn } from './sign-in';
import type { TenantCore } from './tenant-core';

export interface TenantConnection {
  cloud: CloudName;
  via: 'token' | 'microsoft';
  /** What the current token's claims say (read, not verified: Graph verifies it). */
  info: TokenInfo;
  token(): Promise<string>;
  /** Sign in with Microsoft only: asks for more scopes (incremental consent) and returns the new token's claims. */
  widen: ((scopes: readonly string[]) => Promise<TokenInfo>) | null;
  /** Forgets every token (and, signed in, MSAL's cache). */
  end(): Promise<void>;
}

/** A pasted token: it is what it is until it expires; readAccessToken throws invalid-token for text that is none. */
export function pastedConnection(core: Pick<TenantCore, 'readAccessToken' | 'bareToken'>, cloud: CloudName, pasted: string, now: Date): TenantConnection {
  let token: string | null = core.bareToken(pasted);
  const info = core.readAccessToken(token, cloud, now);
  return {
    cloud,
    via: 'token',
    info,
    token: async () => {
      if (token === null) throw new Error('Signed out');
      return token;
    },
    widen: null,
    end: async () => {
      token = null;
    },
  };
}

/** Signed in with Microsoft: MSAL holds the tokens and renews them; this keeps only the claims of the latest. */
export async function signedInConnection(
  core: Pick<TenantCore, 'readAccessToken'>,
  signIn: SignIn,
  cloud: CloudName,
  scopes: readonly string[],
  now: () => Date,
): Promise<TenantConnection> {
  const first = await signIn.signIn(cloud, scopes);
  const connection: TenantConnection = {
    cloud,
    via: 'microsoft',
    info: core.readAccessToken(first, cloud, now()),
    token: () => signIn.token(),
    widen: async (more) => {
      const token = await signIn.signIn(cloud, more);
      connection.info = core.readAccessToken(token, cloud, now());
      return connection.info;
    },
    end: () => signIn.signOut(),
  };
  return connection;
}

/** The connection the core's reader and actions use; `fetch` is the browser's unless a test passes its own. */
export function graphConnection(
  connection: TenantConnection,
  options: Pick<GraphConnection, 'fetch' | 'sleep' | 'now' | 'signal' | 'onRequest'>,
): GraphConnection {
  return { cloud: connection.cloud, tokenInfo: connection.info, token: () => connection.token(), ...options };
}
