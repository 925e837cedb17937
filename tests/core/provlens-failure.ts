// The ProvlensError a call throws, for tests that assert its code and message; fails the test if it throws nothing
// or something else.
import { expect } from 'vitest';
import { ProvlensError } from '../../core/errors';

export function failure(run: () => unknown): ProvlensError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProvlensError);
    return error as ProvlensError;
  }
  throw new Error('expected a ProvlensError');
}
