// Settings live in the library's database (not localStorage) so the extension's service worker can read them too.
import { useState } from 'preact/hooks';
import type { Settings } from '../../core/store';
import { useAppContext } from '../app-context';
import { SignInSettings } from './tenant/SignInSettings';

export function parseOffsets(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n < 0 || n > 365)) return null;
  return [...new Set(numbers)].sort((a, b) => b - a);
}

export function SettingsView() {
  const { settings, settingsLoaded, tenantBoard } = useAppContext();
  if (!settingsLoaded) {
    return (
      <section aria-labelledby="settings-title" aria-busy="true">
        <h1 id="settings-title">Settings</h1>
        <p>Loading your settings…</p>
      </section>
    );
  }
  // Keyed by the stored values: the form starts from what is stored, and follows a save made in another tab.
  return (
    <>
      <SettingsForm key={`${settings.warnDays}|${settings.icsOffsets.join(',')}`} />
      {tenantBoard && <SignInSettings key={JSON.stringify(settings.signIn)} />}
    </>
  );
}

function SettingsForm() {
  const { settings, saveSettings, announce } = useAppContext();
  const [warnDays, setWarnDays] = useState(String(settings.warnDays));
  const [offsets, setOffsets] = useState(settings.icsOffsets.join(', '));
  const [error, setError] = useState<string | null>(null);

  const save = async (event: Event) => {
    event.preventDefault();
    const days = Number(warnDays);
    const parsedOffsets = parseOffsets(offsets);
    if (!Number.isInteger(days) || days < 1 || days > 365) return setError('The warning window must be 1 to 365 days.');
    if (!parsedOffsets) return setError('Reminders must be whole numbers of days between 0 and 365, separated by commas.');
    setError(null);
    await saveSettings({ ...settings, warnDays: days, icsOffsets: parsedOffsets });
    announce('Settings saved.');
  };

  const setTheme = (theme: Settings['theme']) => void saveSettings({ ...settings, theme });

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form class="settings" onSubmit={(event) => void save(event)}>
        <label>
          Warn when a profile expires within (days)
          <input type="number" min={1} max={365} value={warnDays} onInput={(event) => setWarnDays(event.currentTarget.value)} />
        </label>
        <label>
          Calendar (.ics) reminders, days before expiry
          <input type="text" inputMode="numeric" value={offsets} onInput={(event) => setOffsets(event.currentTarget.value)} />
        </label>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <p>
          <button type="submit">Save</button>
        </p>
      </form>
      <fieldset class="theme">
        <legend>Theme</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme} class="inline">
            <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => setTheme(theme)} />
            {theme === 'system' ? 'Follow the system' : theme === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
