// Content script entry, loaded on every Intune page and blade frame: only the detector runs here. The decoder (pkijs,
// plist, the core) is a separate chunk imported the first time the admin actually picks a file, so the portal pays
// nothing on pages without the upload control.
import browser from 'webextension-polyfill';
import { isContextInvalidated } from '../messages';
import { watchUploadInputs } from './detect';

function init(signal: AbortSignal, stop: () => void): void {
  watchUploadInputs(document, signal, (input) => {
    input.addEventListener(
      'change',
      () => {
        // After an update the old script's runtime is gone: step aside quietly instead of throwing into the page.
        if (!browser.runtime?.id) return stop();
        import('./annotate-upload')
          .then(({ annotateUpload }) => annotateUpload(input, signal))
          .catch((error: unknown) => {
            if (isContextInvalidated(error)) stop();
            else console.warn('ProvLens: could not read the chosen file', error);
          });
      },
      { signal, passive: true },
    );
  });
}

const controller = new AbortController();
init(controller.signal, () => controller.abort());
