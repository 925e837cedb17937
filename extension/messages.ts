// Every message between the content script, the popup, the full view and the background, typed in one map
// (after fregante/webext-msg). Errors never cross the boundary as exceptions: the background answers
// { ok: false, error: { code, message } } and the caller rethrows a ProvlensError with the same code.
import browser from 'webextension-polyfill';
import { ProvlensError, toErrorData, ERROR_CODES, type ErrorCode, type ErrorData } from '../core/errors';
import { fromBase64 } from '../core/base64';
import type { ProfileStatus as VerdictStatus } from '../core/profile';
import type { Settings } from '../core/store';
import type { ProfileResult } from '../core/types';

/** The core's status words (core/profile/profile-verdict.ts), plus 'unreadable'. */
export type ProfileStatus = VerdictStatus | 'unreadable';
export type BadgeSeverity = 'none' | 'expiring' | 'expired';

export interface LibraryRow {
  id: string;
  name: string | null;
  fileName: string;
  appIdentifier: string | null;
  /** When apps using it stop launching (the verdict's stopsLaunchingOn). */
  expiresAt: string | null;
  /** Whole days until then, toward zero (core/dates.ts daysLeft); null when nothing is dated. */
  daysLeft: number | null;
  status: ProfileStatus;
  usableByIntune: boolean;
  /** A newer profile for the same app ID is in the library, so this one no longer counts as needing action. */
  renewed: boolean;
  /** Counted on the badge right now. */
  counted: boolean;
  /** Acknowledged or snoozed until this instant; null when not. */
  quietUntil: string | null;
}

export interface LibrarySummary {
  warnDays: number;
  /** The library's theme setting, so the popup wears the same one as the full view. */
  theme: Settings['theme'];
  /** In-house iOS profiles Intune can push, expiring within warnDays, not renewed, not acknowledged: the badge. */
  needAction: number;
  total: number;
  /** Soonest first. */
  rows: LibraryRow[];
}

export interface BadgeState {
  count: number;
  severity: BadgeSeverity;
}

/** Request and response of every message, by name. */
export interface MessageMap {
  /** Content script or popup → background: store a decoded profile in the extension's own library. */
  'profile:save': {
    request: { fileName: string; bytesBase64: string; result: ProfileResult };
    response: { id: string; status: 'added' | 'unchanged' | 'replaced' | 'kept-beside' };
  };
  /** Popup → background. */
  'library:summary': { request: { limit: number }; response: LibrarySummary };
  /** Content script → background: the warning window the annotation's findings should use. */
  'settings:warn-days': { request: Record<string, never>; response: { warnDays: number } };
  /** Popup → background: stop counting a profile on the badge until `until` (a snooze), or, with until null, until
   *  it stops launching (acknowledged); `clear` counts it again. */
  'badge:quiet': { request: { id: string; until: string | null; clear?: boolean }; response: BadgeState };
  /** Full view → background after it changed the library or settings: recompute badge and notifications now. */
  'expiry:check': { request: Record<string, never>; response: BadgeState };
}

export type MessageName = keyof MessageMap;
export type RequestOf<K extends MessageName> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageName> = MessageMap[K]['response'];

export interface Envelope<K extends MessageName = MessageName> {
  provlens: K;
  request: RequestOf<K>;
}

export type Reply<K extends MessageName = MessageName> =
  | { ok: true; value: ResponseOf<K> }
  | { ok: false; error: ErrorData };

export type Handlers = { [K in MessageName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> };

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).provlens === 'string';
}

function isErrorCode(code: unknown): code is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(code);
}

/** The background's onMessage listener: one map of handlers; foreign messages are left for other listeners. */
export function messageListener(handlers: Handlers): (message: unknown) => Promise<Reply> | undefined {
  return (message) => {
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.provlens)) return undefined;
    const handle = handlers[message.provlens] as (request: unknown) => Promise<unknown>;
    return handle(message.request).then(
      (value) => ({ ok: true, value }) as Reply,
      (error: unknown) => ({ ok: false, error: toErrorData(error) }),
    );
  };
}

/** Sends a typed message and returns its typed answer, or throws the handler's error as a ProvlensError. */
export async function send<K extends MessageName>(name: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { provlens: name, request };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<K> | undefined;
  if (!reply) throw new ProvlensError('internal', `No handler answered "${name}"`);
  if (reply.ok) return reply.value;
  throw new ProvlensError(isErrorCode(reply.error.code) ? reply.error.code : 'internal', reply.error.message);
}

/** After an update or reload, an old content script's runtime is gone; that is expected, not a bug to report. */
export function isContextInvalidated(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Extension context invalidated/i.test(message);
}

// Chrome serializes runtime messages as JSON, which would turn a Uint8Array into an object of indices.
export { toBase64 as bytesToBase64 } from '../core/base64';

export function base64ToBytes(base64: string): Uint8Array {
  const bytes = fromBase64(base64);
  if (!bytes) throw new ProvlensError('internal', 'a message carried bytes that are not base64');
  return bytes;
}
