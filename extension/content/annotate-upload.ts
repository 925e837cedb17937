// The lazily loaded half of the content script: read the chosen file (the portal's input keeps it; nothing is
// changed, blocked or submitted), decode it with the core on this device, show the annotation, offer to save.
import browser from 'webextension-polyfill';
import { useWebCrypto } from '../../core/crypto';
import { inspectProfile } from '../../core/inspect';
import type { ProfileResult } from '../../core/types';
import { bytesToBase64, isContextInvalidated, send } from '../messages';
import { annotationModel } from './annotation-model';
import { annotationHost, removeAnnotation, renderAnnotation, renderBusy } from './annotation';

const DEFAULT_WARN_DAYS = 30;

async function warnDays(): Promise<number> {
  try {
    return (await send('settings:warn-days', {})).warnDays;
  } catch {
    // The annotation still helps without the user's setting (e.g. the background is restarting).
    return DEFAULT_WARN_DAYS;
  }
}

async function save(fileName: string, bytes: Uint8Array, result: ProfileResult): Promise<string> {
  try {
    const { status } = await send('profile:save', { fileName, bytesBase64: bytesToBase64(bytes), result });
    return status === 'unchanged' ? 'Already in your ProvLens library.' : 'Saved to your ProvLens library.';
  } catch (error) {
    if (isContextInvalidated(error) || !browser.runtime?.id) return 'ProvLens was updated: reload this page to save.';
    throw error;
  }
}

export async function annotateUpload(input: HTMLInputElement, signal: AbortSignal): Promise<void> {
  const file = input.files?.[0];
  if (!file || signal.aborted) return removeAnnotation(input);
  const root = annotationHost(input);
  renderBusy(root, file.name);
  useWebCrypto(crypto);
  const [bytes, days] = await Promise.all([file.arrayBuffer().then((buffer) => new Uint8Array(buffer)), warnDays()]);
  const now = new Date();
  const result = await inspectProfile(file.name, bytes, { now, warnDays: days });
  // The admin may have picked another file meanwhile: only the latest choice is shown.
  if (signal.aborted || input.files?.[0] !== file) return;
  renderAnnotation(root, annotationModel(result, now), result.ok ? { save: () => save(file.name, bytes, result) } : {});
}
