// The site's entry: open the local library and render the app. Only the store (idb) and the views load here; the
// decoder arrives with the first import (see lazy-core.ts), the tenant board on its first visit.
import { render } from 'preact';
import { openLibrary } from '../core/store';
import { App } from './app';
import './styles.css';
import { restoreTheme } from './theme';
import { LazyTenantView } from './views/tenant/LazyTenantView';

restoreTheme();

const root = document.getElementById('app');

openLibrary().then(
  (library) => {
    if (!root) return;
    // Preact does not adopt the static "Opening…" placeholder: clear it, or it stays below the app.
    root.replaceChildren();
    render(<App library={library} tenantView={LazyTenantView} />, root);
  },
  (error: unknown) => {
    if (!root) return;
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `ProvLens cannot open its local database (${error instanceof Error ? error.message : String(error)}). Private browsing or disabled site data can cause this.`;
    root.replaceChildren(message);
  },
);
