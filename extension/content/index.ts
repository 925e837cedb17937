// Content script entry, loaded on every Intune page and blade frame: only the detector runs here. The decoder (the
// core, pkijs) is a separate chunk, fetched once an upload control for profiles exists on the page (so the portal
// pays nothing elsewhere) and before the admin picks a file (so the annotation is not waiting on it).
import browser from 'webextension-polyfill';
import { isContextInvalidated } from '../messages';
import type * as AnnotateUpload from './annotate-upload';
import { watchUploadInputs } from './detect';

type Feature = typeof AnnotateUpload;

function init(signal: AbortSignal, stop: () => void): void {
  let feature: Promise<Feature> | undefined;
  watchUploadInputs(document, signal, (input) => {
    feature ??= import('./annotate-upload');
    input.addEventListener(
      'change',
      () => {
        // After an update the old script's runtime is gone: step aside quietly instead of throwing into the page.
        if (!browser.runtime?.id) return stop();
        (feature ??= import('./annotate-upload'))
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
