// What every view needs from its host: the library (IndexedDB in the site, the same store in the extension's page),
// the user's settings, and a way to announce results to screen readers. Views read it with useAppContext().
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Library, Settings } from '../core/store';

export interface AppContextValue {
  library: Library;
  /** Defaults until the stored settings have been read: a form must not offer Save before then. */
  settings: Settings;
  settingsLoaded: boolean;
  saveSettings(settings: Settings): Promise<void>;
  /** Polite screen-reader announcement (and the visible status line). */
  announce(message: string): void;
  /** This host shows the tenant board (the site, not the extension): Settings offers the sign-in app registrations. */
  tenantBoard: boolean;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('Views must be rendered inside <App>');
  return value;
}
