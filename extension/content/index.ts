// Content script entry, on every Intune page and blade frame. Until a file is chosen it only holds two passive
// listeners; the first bytes of a chosen file decide whether the decoder chunk (the core, a separate lazy import)
// is fetched at all, so the portal's other uploads and pages pay nothing.
import browser from 'webextension-polyfill';
import { isContextInvalidated } from '../messages';
import type * as AnnotateUpload from './annotate-upload';
import { watchFileChoices } from './detect';
import { readBytes } from './read-file';
import { SNIFF_BYTES, sniffUpload } from './sniff';

type Feature = typeof AnnotateUpload;

function init(signal: AbortSignal, stop: () => void): void {
  let feature: Promise<Feature> | undefined;
  const report = (error: unknown) => {
    if (isContextInvalidated(error)) stop();
    else console.warn(`ProvLens: could not read the chosen file: ${String(error)}`);
  };
  watchFileChoices(document, signal, (input, file) => {
    // After an update the old script's runtime is gone: step aside quietly instead of throwing into the page.
    if (!browser.runtime?.id) return stop();
    const kind = file ? readBytes(file.slice(0, SNIFF_BYTES)).then(sniffUpload) : Promise.resolve(null);
    kind
      .then((found) => {
        if (found && file) return (feature ??= import('./annotate-upload')).then((f) => f.annotateUpload(input, file, found, signal));
        // A cleared input or another kind of file: take down a panel an earlier choice left, if any.
        return feature?.then((f) => f.clearAnnotation(input));
      })
      .catch(report);
  });
}

const controller = new AbortController();
init(controller.signal, () => controller.abort());
