// Settings for Sign in with Microsoft on the tenant board: the admin's own app registration per cloud (client ID and
// tenant ID: identifiers, not secrets — a single-page application has no secret) and the redirect URI to register,
// which is this site's bridge page. Stored with the other settings in the library's IndexedDB.
import { useState } from 'preact/hooks';
import { CLOUD_NAMES, CLOUDS, type CloudName } from '../../../core/export/clouds';
import { readSignInApp, type Settings } from '../../../core/store';
import { useAppContext } from '../../app-context';
import { CopyButton } from '../../components/CopyButton';
import { redirectUri } from './sign-in';

type Draft = Record<CloudName, { clientId: string; tenantId: string }>;

export function SignInSettings() {
  const { settings, saveSettings, announce } = useAppContext();
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(CLOUD_NAMES.map((cloud) => [cloud, { clientId: settings.signIn[cloud]?.clientId ?? '', tenantId: settings.signIn[cloud]?.tenantId ?? '' }])) as Draft,
  );
  const [errors, setErrors] = useState<Partial<Record<CloudName, string>>>({});
  const uri = redirectUri();

  const save = async (event: Event) => {
    event.preventDefault();
    const signIn: Settings['signIn'] = {};
    const found: Partial<Record<CloudName, string>> = {};
    for (const cloud of CLOUD_NAMES) {
      const { clientId, tenantId } = draft[cloud];
      if (clientId.trim() === '' && tenantId.trim() === '') continue;
      const app = readSignInApp({ clientId, tenantId });
      if (app) signIn[cloud] = app;
      else found[cloud] = 'The client ID must be a GUID, and the tenant ID a GUID or a domain such as contoso.onmicrosoft.com.';
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await saveSettings({ ...settings, signIn });
    announce('Sign-in settings saved.');
  };

  const set = (cloud: CloudName, field: 'clientId' | 'tenantId') => (event: Event) =>
    setDraft({ ...draft, [cloud]: { ...draft[cloud], [field]: (event.currentTarget as HTMLInputElement).value } });

  return (
    <form class="settings sign-in-settings" onSubmit={(event) => void save(event)} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in with Microsoft (Tenant)</h2>
      <p>
        To sign in on the Tenant page instead of pasting a token, register an app in your tenant once (platform
        Single-page application) and enter its IDs for your cloud. These are identifiers, not secrets.
      </p>
      <p>
        Redirect URI to register: <span class="mono">{uri}</span> <CopyButton text={uri} label="Copy the redirect URI" />
      </p>
      {CLOUD_NAMES.map((cloud) => (
        <fieldset key={cloud}>
          <legend>{CLOUDS[cloud].label}</legend>
          <label>
            Application (client) ID
            <input type="text" value={draft[cloud].clientId} onInput={set(cloud, 'clientId')} autocomplete="off" spellcheck={false} />
          </label>
          <label>
            Directory (tenant) ID
            <input type="text" value={draft[cloud].tenantId} onInput={set(cloud, 'tenantId')} autocomplete="off" spellcheck={false} />
          </label>
          {errors[cloud] && (
            <p role="alert" class="error">
              {errors[cloud]}
            </p>
          )}
        </fieldset>
      ))}
      <p>
        <button type="submit">Save sign-in settings</button>
      </p>
    </form>
  );
}
