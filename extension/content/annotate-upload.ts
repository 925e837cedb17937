// The lazily loaded half of the content script: read the chosen file (the portal's input keeps it; nothing is
// changed, blocked or submitted), decode it with the core on this device, show the panel, follow the portal's own
// Expiration date once it fills it, and offer to save. An .ipa is judged by its main bundle's embedded profile and
// signing certificate, and each bundle by Intune's two app checks (file integrity, capabilities).
import browser from 'webextension-polyfill';
import { embeddedProfileFiles } from '../../core/app/app';
import { useAppPrimitives } from '../../core/app/platform';
import { useWebCrypto } from '../../core/cms/crypto';
import { inspectApp, inspectProfile } from '../../core/inspect';
import { MAX_PROFILE_BYTES } from '../../core/profile/profile';
import type { ProfileResult } from '../../core/types';
import { bytesToBase64, isContextInvalidated, send } from '../messages';
import { annotationModel, type ModelOptions } from './annotation-model';
import { annotationHost, removeAnnotation, renderAnnotation, renderBusy, renderPortalExpiry } from './annotation';
import { compareExpiry, portalExpiryText } from './portal-expiry';
import { readBytes } from './read-file';
import type { UploadKind } from './sniff';

const DEFAULT_WARN_DAYS = 30;
/** Larger apps are left to the web app and the CLI: the page's memory is the portal's. */
const MAX_APP_BYTES = 1024 * 1024 * 1024;
const PORTAL_EXPIRY_POLL_MS = 1000;
/** The portal fills its field within seconds of the upload; after this the panel stops looking. */
const PORTAL_EXPIRY_WATCH_MS = 5 * 60 * 1000;

const choices = new WeakMap<HTMLInputElement, AbortController>();

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

interface Judged {
  result: ProfileResult;
  options: ModelOptions;
  /** The profile file to save, when there is one. */
  profile: { fileName: string; bytes: Uint8Array } | null;
}

async function judgeProfile(fileName: string, bytes: Uint8Array, now: Date, days: number): Promise<Judged> {
  const result = await inspectProfile(fileName, bytes, { now, warnDays: days });
  return { result, options: { now, warnDays: days }, profile: { fileName, bytes } };
}

async function judgeApp(fileName: string, bytes: Uint8Array, now: Date, days: number): Promise<Judged> {
  const inspected = await inspectApp(fileName, bytes, { now, warnDays: days });
  const main = inspected.app?.bundles.find((bundle) => bundle.kind === 'app') ?? inspected.app?.bundles[0];
  const error = inspected.error ?? { code: 'not-a-profile', message: 'the app has no embedded.mobileprovision' };
  const result: ProfileResult = main?.profile ?? { kind: 'profile', file: fileName, ok: false, error, profile: null, signature: null, findings: [] };
  const embedded = main && inspected.app ? embeddedProfileFiles(bytes, inspected.app).find((entry) => entry.bundlePath === main.path) : undefined;
  // The .app first, then its nested bundles, as Intune checks each of them.
  const bundles = [...(inspected.app?.bundles ?? [])].sort((a, b) => Number(b === main) - Number(a === main));
  const app = { name: main?.name ?? fileName, certificateNotAfter: main?.signingCertificate?.notAfter ?? null, bundles };
  return { result, options: { now, warnDays: days, app }, profile: embedded ? { fileName: `${fileName} embedded.mobileprovision`, bytes: embedded.bytes } : null };
}

function watchPortalExpiry(input: HTMLInputElement, root: ShadowRoot, expiresAt: string | null, signal: AbortSignal): void {
  const scope = input.getRootNode() as Document | ShadowRoot;
  const scopes = scope === input.ownerDocument ? [scope] : [scope, input.ownerDocument];
  let shown = '';
  const check = () => {
    if (!root.host.isConnected) return stop();
    const text = scopes.map(portalExpiryText).find((found) => found !== null);
    if (!text || text === shown) return;
    shown = text;
    renderPortalExpiry(root, compareExpiry(expiresAt, text));
  };
  const timer = setInterval(check, PORTAL_EXPIRY_POLL_MS);
  const deadline = setTimeout(() => stop(), PORTAL_EXPIRY_WATCH_MS);
  function stop() {
    clearInterval(timer);
    clearTimeout(deadline);
  }
  signal.addEventListener('abort', stop, { once: true });
  check();
}

export function clearAnnotation(input: HTMLInputElement): void {
  choices.get(input)?.abort();
  removeAnnotation(input);
}

export async function annotateUpload(input: HTMLInputElement, file: File, kind: UploadKind, signal: AbortSignal): Promise<void> {
  // Only the latest choice on a control is shown; an earlier one still decoding is dropped.
  choices.get(input)?.abort();
  const choice = new AbortController();
  choices.set(input, choice);
  const live = AbortSignal.any([signal, choice.signal]);
  const root = annotationHost(input);
  renderBusy(root, file.name);
  const limit = kind === 'app' ? MAX_APP_BYTES : MAX_PROFILE_BYTES;
  if (file.size > limit) {
    renderAnnotation(root, { title: file.name, tone: 'warning', headline: 'Too large to read inside the portal: open it in the ProvLens web app or CLI.', reasons: [], facts: [], expiresAt: null });
    return;
  }
  useWebCrypto(crypto);
  // The check runs on the portal's own main thread: it gives the event loop back about every 30 ms, so a large app
  // does not freeze the portal while it is read.
  useAppPrimitives({ pause: nextTask });
  const setting = warnDays();
  const bytes = await readBytes(file);
  const days = await setting;
  const now = new Date();
  const judged = await (kind === 'app' ? judgeApp : judgeProfile)(file.name, bytes, now, days);
  if (live.aborted) return;
  const model = annotationModel(judged.result, judged.options);
  const { profile } = judged;
  renderAnnotation(root, model, judged.result.ok && profile ? { save: () => save(profile.fileName, profile.bytes, judged.result) } : {});
  if (judged.result.ok) watchPortalExpiry(input, root, model.expiresAt, live);
}

/** The event loop given back: `scheduler.yield()` where the browser has it (input and rendering first, then this
 *  check), else a message-channel task (a 0 ms timer would be clamped to 4 ms after a few in a row). */
function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
