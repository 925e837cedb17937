// The core's one error type. Callers branch on `code` (a frozen union), never on `message`.

export const ERROR_CODES = Object.freeze([
  'empty', // zero bytes
  'too-large', // above the input limit, refused before parsing
  'not-a-profile', // neither CMS nor plist, or a plist that is not a provisioning profile
  'malformed-cms', // looks like CMS/DER but does not parse
  'malformed-plist', // plist content that does not parse (or is hostile: entities, absurd nesting)
  'malformed-der', // the DER-Encoded-Profile content does not parse
  'not-a-zip', // an .ipa that is not a zip archive
  'zip-bomb', // archive members exceed the ratio or size limits
  'unsafe-path', // archive member names that escape the archive (../, absolute)
  'no-app', // a zip without Payload/*.app
  'crypto-unavailable', // WebCrypto was not injected
  'storage-unavailable', // IndexedDB missing (private mode, disabled)
  'storage-quota', // quota exceeded
  'storage-blocked', // a schema upgrade blocked by another tab
  'storage-corrupt', // a stored record could not be read back
  'invalid-argument', // a caller's option is malformed (e.g. an Intune group ID that is not a GUID)
  'invalid-token', // what was pasted as a Microsoft Graph access token is not one (issue 18)
  'graph-unauthorized', // Graph answered 401: the token expired or was revoked; connect again
  'graph-failed', // a Graph request failed (network, 403, 429 after retries, 5xx): its ReadFailure says which and why
  'internal', // a bug: something the core did not expect
] as const);

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ProvlensError extends Error {
  override readonly name = 'ProvlensError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isProvlensError(value: unknown): value is ProvlensError {
  return value instanceof ProvlensError;
}

/** Errors as data, for crossing JSON and extension-message boundaries. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
}

export function toErrorData(error: unknown): ErrorData {
  if (error instanceof ProvlensError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
