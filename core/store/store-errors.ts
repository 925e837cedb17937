// Maps what IndexedDB throws (W3C Indexed Database API 3.0 and WebIDL DOMException names) onto the library's stable
// storage-* codes, keeping the original as `cause`. Callers branch on the code: quota → offer to delete, blocked →
// ask to close other tabs, unavailable → explain private mode, corrupt → offer to delete the record.
import { ProvlensError } from '../errors';

const MESSAGES = {
  'storage-quota': 'The browser refused to store more: free some space or delete profiles you no longer need',
  'storage-blocked': 'A newer ProvLens is open in another tab: reload this tab to continue',
  'storage-unavailable': 'This browser does not allow local storage here (private mode or disabled site data?)',
  'storage-corrupt': 'A stored record could not be read back',
} as const;

export function storageError(error: unknown): ProvlensError {
  if (error instanceof ProvlensError) return error;
  const code = codeFor(errorName(error));
  if (code === 'internal') {
    return new ProvlensError('internal', `Unexpected storage failure: ${String(error)}`, { cause: error });
  }
  return new ProvlensError(code, MESSAGES[code], { cause: error });
}

function codeFor(name: string | null): keyof typeof MESSAGES | 'internal' {
  switch (name) {
    case 'QuotaExceededError':
      return 'storage-quota';
    // The stored database is newer than this code: another tab already upgraded it.
    case 'VersionError':
      return 'storage-blocked';
    case 'DataError':
    case 'DataCloneError':
      return 'storage-corrupt';
    // Private modes, disabled site data, a connection the browser closed, a broken profile directory.
    case 'InvalidStateError':
    case 'SecurityError':
    case 'UnknownError':
    case 'NotFoundError':
    case 'AbortError':
    case 'TransactionInactiveError':
      return 'storage-unavailable';
    default:
      return 'internal';
  }
}

function errorName(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return null;
}

/** Issues a request without awaiting it: if it fails, the transaction aborts and its `done` carries the error, so the
 *  request's own rejection is expected and must not surface as an unhandled one. */
export function queue(request: Promise<unknown>): void {
  request.catch(() => undefined);
}
