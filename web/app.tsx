// The ProvLens single-page app. Hosts pass their library, so the same views run in the site and in the extension's
// full-view page:
//
//   import { openLibrary } from '../core/store';
//   render(<App library={await openLibrary()} />, root);
//
// Routing is by hash (#/library, #/profile/<id>, #/apps, #/apps/<id>, #/compare?a=&b=, #/app-check, #/intune[/<id>], #/tenant,
// #/settings, #/import, #/sample), and `?sample` in the page URL loads the built-in sample once, as `npm start` does.
//
// The tenant board (#/tenant) talks to Microsoft Graph, so only a host that allows it passes its view: the site does
// (web/main.tsx, lazily), the extension's full view does not, and its Tenant page says where the board runs.
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Library, type Settings } from '../core/store';
import { AppContext, type AppContextValue } from './app-context';
import { PrivacyNote } from './components/PrivacyNote';
import { applyTheme } from './theme';
import { loadSample } from './import/sample';
import { navigate, profileHref, useRoute, type Route } from './router';
import { useSummaries, type Summaries } from './use-summaries';
import { AppCheckView } from './views/AppCheckView';
import { AppsView } from './views/AppsView';
import { AppView } from './views/AppView';
import { CompareView } from './views/CompareView';
import { ImportView } from './views/ImportView';
import { LazyIntuneView } from './views/intune/LazyIntuneView';
import { LibraryView } from './views/LibraryView';
import { ProfileView } from './views/ProfileView';
import { SettingsView } from './views/SettingsView';

const NAV: { view: Route['view']; href: string; label: string }[] = [
  { view: 'library', href: '#/library', label: 'Library' },
  { view: 'apps', href: '#/apps', label: 'Apps' },
  { view: 'import', href: '#/import', label: 'Import' },
  { view: 'compare', href: '#/compare', label: 'Compare' },
  { view: 'app-check', href: '#/app-check', label: 'App check' },
  { view: 'tenant', href: '#/tenant', label: 'Tenant' },
  { view: 'settings', href: '#/settings', label: 'Settings' },
];

/** What the tenant board's view is given. */
export interface TenantViewProps {
  summaries: Summaries;
}

export interface AppProps {
  library: Library;
  /** The tenant board (#/tenant), in a host whose CSP lets it reach Microsoft Graph; absent in the extension. */
  tenantView?: ComponentType<TenantViewProps>;
}

export function App({ library, tenantView }: AppProps) {
  const route = useRoute();
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [settingsLoaded, setSettingsLoaded] = useState(false);
  const [status, setStatus] = useState('');
  const summaries = useSummaries(library, route.view !== 'import');

  // Read now and again whenever another tab (or the extension's full view) saves them: the warning window applies live.
  useEffect(() => {
    let live = true;
    const load = () =>
      library.getSettings().then(
        (stored) => {
          if (!live) return;
          setSettings(stored);
          setSettingsLoaded(true);
        },
        () => {
          if (!live) return;
          setSettingsLoaded(true);
          setStatus('Settings could not be read; using defaults.');
        },
      );
    void load();
    const unsubscribe = library.onChange((change) => {
      if (change.kind === 'settings' || change.kind === 'all') void load();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [library]);

  // Only the stored setting is applied: the defaults shown while it loads would undo the theme restored at start.
  useEffect(() => {
    if (settingsLoaded) applyTheme(settings.theme);
  }, [settings.theme, settingsLoaded]);

  const saveSettings = useCallback(
    async (next: Settings) => {
      setSettings(next);
      await library.putSettings(next);
    },
    [library],
  );

  const context = useMemo<AppContextValue>(
    () => ({ library, settings, settingsLoaded, saveSettings, announce: setStatus, tenantBoard: tenantView !== undefined }),
    [library, settings, settingsLoaded, saveSettings, tenantView],
  );

  useSampleRequest(route, library, setStatus);
  useFocusOnNavigation(route);

  return (
    <AppContext.Provider value={context}>
      <a class="skip" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="#/library">
          ProvLens
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.view}>
                <a href={item.href} aria-current={isCurrent(route, item.view) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" class="secondary" onClick={() => navigate('#/sample')}>
          Try a sample
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <p class="status-line" role="status" aria-live="polite">
          {status}
        </p>
        <RouteView route={route} summaries={summaries} tenantView={tenantView} />
      </main>
      <footer>
        <PrivacyNote tenantBoard={tenantView !== undefined} />
      </footer>
    </AppContext.Provider>
  );
}

function RouteView({ route, summaries, tenantView: TenantView }: { route: Route; summaries: Summaries; tenantView: AppProps['tenantView'] }) {
  switch (route.view) {
    case 'profile':
      return <ProfileView id={route.id} summaries={summaries} />;
    case 'compare':
      return <CompareView a={route.a} b={route.b} summaries={summaries} />;
    case 'apps':
      return <AppsView summaries={summaries} />;
    case 'app':
      return <AppView id={route.id} summaries={summaries} />;
    case 'app-check':
      return <AppCheckView summaries={summaries} />;
    case 'intune':
      return <LazyIntuneView id={route.id} summaries={summaries} />;
    case 'tenant':
      return TenantView ? <TenantView summaries={summaries} /> : <TenantElsewhere />;
    case 'settings':
      return <SettingsView />;
    case 'import':
      return <ImportView />;
    case 'sample':
      return <p>Preparing the sample…</p>;
    case 'library':
      return <LibraryView summaries={summaries} />;
  }
}

/** The extension's full view: its CSP and permissions are not widened for Microsoft Graph, so the board is not here. */
function TenantElsewhere() {
  return (
    <section aria-labelledby="tenant-title">
      <h1 id="tenant-title">Tenant</h1>
      <p>
        The tenant board runs in the ProvLens web app, not in the extension: the extension never talks to Microsoft Graph,
        so its permissions and content security policy stay as narrow as they are.
      </p>
      <p>
        Open the ProvLens web app and choose <strong>Tenant</strong> there to read your Intune tenant's iOS apps and app
        provisioning profiles.
      </p>
    </section>
  );
}

function isCurrent(route: Route, view: Route['view']): boolean {
  return route.view === view || (view === 'library' && route.view === 'profile') || (view === 'apps' && route.view === 'app');
}

/** After a navigation, keyboard and screen-reader users start at the new view, not on the link they left. */
function useFocusOnNavigation(route: Route) {
  const key = route.view === 'profile' || route.view === 'app' ? `${route.view}:${route.id}` : route.view;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [key]);
}

function skipToMain(event: MouseEvent) {
  // The hash is the router's: move focus without changing it.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/** `?sample` (once per page load) or #/sample: make the sample, store it, open it. */
function useSampleRequest(route: Route, library: Library, announce: (message: string) => void) {
  const queryPending = useRef(new URLSearchParams(location.search).has('sample'));
  useEffect(() => {
    if (route.view !== 'sample' && !queryPending.current) return;
    queryPending.current = false;
    announce('Making a sample profile signed by a test CA…');
    loadSample(library).then(
      (id) => {
        announce('Sample loaded: it is signed by a throwaway test CA, not by Apple.');
        // Drops `?sample` too, so a reload does not make another one.
        history.replaceState(null, '', location.pathname + profileHref(id));
        dispatchEvent(new HashChangeEvent('hashchange'));
      },
      (error: unknown) => announce(`The sample could not be made: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, [route.view, library, announce]);
}
