// The core's tenant functions, as the board page uses them: loaded with the decoder (web/lazy-core.ts, WebCrypto
// injected there), never copied. The page does the I/O the core leaves to its host: the browser's fetch, the
// library's records, the clock.
import type * as CoreModule from '../../../core/index';
import { loadCore } from '../../lazy-core';

export type TenantCore = Pick<
  typeof CoreModule,
  'readAccessToken' | 'bareToken' | 'tokenRefusal' | 'readTenant' | 'readConfiguration' | 'decodePayloads' | 'tenantBoard' | 'pushJob' | 'renewJob' | 'sendJob'
>;

export function loadTenantCore(): Promise<TenantCore> {
  return loadCore();
}
