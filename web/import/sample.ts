// "Try a sample": a fresh synthetic profile, made in this browser by the test fixture factory and signed by a
// throwaway test CA. It is honestly reported as not signed by Apple. The factory (pkijs key generation) is
// dynamic-imported so that it stays out of the initial bundle.
import type { Library } from '../../core/store';
import { loadCore } from '../lazy-core';

export const SAMPLE_FILE_NAME = 'SAMPLE signed by a test CA (not Apple).mobileprovision';

export function isSample(fileName: string): boolean {
  return fileName === SAMPLE_FILE_NAME;
}

export async function loadSample(library: Library): Promise<string> {
  const [core, factory] = await Promise.all([loadCore(), import('../../tests/fixtures/factory')]);
  const { bytes } = await factory.makeSampleProfile();
  const result = await core.inspect(SAMPLE_FILE_NAME, bytes);
  if (result.kind !== 'profile' || !result.ok) throw new Error(result.error?.message ?? 'The sample did not decode');
  const { id } = await library.putProfile({ fileName: SAMPLE_FILE_NAME, bytes, result, source: { kind: 'file' } });
  return id;
}
