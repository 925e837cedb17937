// The full view: the web app's views, served from the extension, on the extension's own library (IndexedDB in the
// extension's origin, shared with the background). Changes made here are passed on so the badge follows them.
import { render } from 'preact';
import { openLibrary } from '../../core/store';
import { useWebCrypto } from '../../core/crypto';
import { App } from '../../web/app';
import { send } from '../messages';

useWebCrypto(crypto);
const library = await openLibrary();
library.onChange(() => {
  send('expiry:check', {}).catch((error: unknown) => console.warn('ProvLens: badge update failed', error));
});
const root = document.getElementById('app');
if (root) render(<App library={library} />, root);
