import { describe, expect, it } from 'vitest';
import { ProvlensError, toErrorData } from '../core/errors';

describe('ProvlensError', () => {
  it('keeps its code and cause and crosses boundaries as data', () => {
    const cause = new RangeError('offset out of bounds');
    const error = new ProvlensError('malformed-cms', 'CMS length runs past the end of the file', { cause });
    expect(error.code).toBe('malformed-cms');
    expect(error.cause).toBe(cause);
    expect(toErrorData(error)).toEqual({ code: 'malformed-cms', message: 'CMS length runs past the end of the file' });
    expect(toErrorData(new TypeError('x'))).toEqual({ code: 'internal', message: 'x' });
  });
});
