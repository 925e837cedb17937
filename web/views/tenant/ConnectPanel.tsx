// The two ways in: paste an access token (from Graph Explorer or any Graph client) or sign in with Microsoft using the
// admin's own app registration (Settings). Nothing is sent anywhere until Connect or Sign in is pressed.
import { useState } from 'preact/hooks';
import { CLOUD_NAMES, CLOUDS, type CloudName } from '../../../core/export/clouds';
import type { SignInApp } from '../../../core/store';

export interface ConnectPanelProps {
  cloud: CloudName;
  onCloud(cloud: CloudName): void;
  /** App registrations per cloud (Settings); a cloud without one offers only the pasted token. */
  apps: Partial<Record<CloudName, SignInApp>>;
  busy: boolean;
  /** Why the last attempt did not connect (an invalid or expired token, a sign-in error, a revoked token). */
  error: string | null;
  onConnect(token: string): void;
  onSignIn(): void;
}

export function ConnectPanel({ cloud, onCloud, apps, busy, error, onConnect, onSignIn }: ConnectPanelProps) {
  const [token, setToken] = useState('');
  const connect = (event: Event) => {
    event.preventDefault();
    const pasted = token;
    // The field forgets it at once: the token lives on in the connection's memory only, not in the page.
    setToken('');
    onConnect(pasted);
  };
  const app = apps[cloud];
  return (
    <section aria-labelledby="connect-title" class="card connect">
      <h2 id="connect-title">Connect to your tenant</h2>
      <p>
        ProvLens reads your Intune tenant through Microsoft Graph with your own access, straight from this browser: no
        ProvLens server is involved, and nothing is sent before you press Connect or Sign in.
      </p>
      <label>
        Cloud
        <select value={cloud} onChange={(event) => onCloud(event.currentTarget.value as CloudName)} disabled={busy}>
          {CLOUD_NAMES.map((name) => (
            <option key={name} value={name}>
              {CLOUDS[name].label}
            </option>
          ))}
        </select>
      </label>
      <form class="connect-token" onSubmit={connect}>
        <label>
          Access token
          <textarea
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
            rows={3}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            aria-describedby="token-hint"
            disabled={busy}
          />
        </label>
        <p id="token-hint" class="muted">
          A Microsoft Graph token for {new URL(CLOUDS[cloud].graphRoot).host}, e.g. from Graph Explorer (Access token tab). It
          stays in this tab's memory until you sign out or close the tab.
        </p>
        <p>
          <button type="submit" disabled={busy || token.trim() === ''}>
            Connect
          </button>
        </p>
      </form>
      <div class="connect-sign-in">
        <p>
          <button type="button" class="secondary" onClick={onSignIn} disabled={busy || !app} aria-describedby="sign-in-hint">
            Sign in with Microsoft
          </button>
        </p>
        <p id="sign-in-hint" class="muted">
          {app ? (
            <>
              With your app registration {app.clientId} in {app.tenantId}: a Microsoft window asks you to sign in.
            </>
          ) : (
            <>
              Needs your own app registration for this cloud: add its client ID and tenant ID in <a href="#/settings">Settings</a>.
            </>
          )}
        </p>
      </div>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
