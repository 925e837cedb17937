// MSAL loads on first use only: nothing of it is fetched, let alone run, before the admin presses Sign in with
// Microsoft. Its own module, so the lazy import closes no circle with sign-in.ts.
import { redirectUri, type SignInFactory } from './sign-in';

export const loadMsalSignIn: SignInFactory = async (apps) => {
  const { msalSignIn } = await import('./msal-sign-in');
  return msalSignIn(apps, redirectUri());
};
