// The redirect bridge (MSAL v5): Microsoft's sign-in redirects the pop-up here with the authorization code; MSAL's
// broadcastResponseToMainFrame passes it to the opening ProvLens tab (a BroadcastChannel, same origin) and closes the
// window. The code is useless without the PKCE verifier that only the opening tab holds. Nothing is stored here.
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch(() => {
  const status = document.getElementById('bridge-status');
  if (status) {
    status.textContent =
      'This page only finishes a sign-in started from ProvLens, and there is none to finish here. Close this window and use Sign in with Microsoft on the Tenant page.';
  }
});
