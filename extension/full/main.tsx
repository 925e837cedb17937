// The full view: the web app's views, served from the extension, on the extension's own library (IndexedDB in the
// extension's origin, shared with the background). Changes made here are passed on so the badge follows them.
// The decoder loads lazily, as on the site (web/lazy-core.ts injects WebCrypto).
import { render } from 'preact';
import { openLibrary } from '../../core/store';
import { App } from '../../web/app';
import '../../web/styles.css';
import { restoreTheme } from '../../web/theme';
import { send } from '../messages';

restoreTheme();
const root = document.getElementById('app');

openLibrary().then(
  (library) => {
    library.onChange(() => {
      send('expiry:check', {}).catch((error: unknown) => console.warn('ProvLens: badge update failed', error));
    });
    if (root) render(<App library={library} />, root);
  },
  (error: unknown) => {
    if (!root) return;
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.textContent = `ProvLens cannot open its library (${error instanceof Error ? error.message : String(error)}).`;
    root.replaceChildren(message);
  },
);
