// Each configuration's payload is the very file Intune pushes to devices (Graph: "payload", Binary, base64 in JSON).
// Decoding it with the core — the same inspect path as an imported file — is what lets the board judge the pushed
// profile itself rather than the date someone typed into the portal.
import { fromBase64 } from '../base64';
import { inspectProfile } from '../inspect';
import type { ProfileResult } from '../types';
import type { GraphConfiguration } from './types';

export interface PayloadOptions {
  /** The clock for "is Apple's signer still valid now" (the verdict takes its own clock later). */
  now?: Date;
  /** Trust anchors instead of Apple's: tests pass their test CA here. */
  trustedCaSha256?: readonly string[];
}

/** Every configuration's payload decoded, by configuration id; never throws (a bad payload is a not-ok result). */
export async function decodePayloads(configurations: readonly GraphConfiguration[], options: PayloadOptions = {}): Promise<Record<string, ProfileResult>> {
  const results: Record<string, ProfileResult> = {};
  for (const configuration of configurations) results[configuration.id] = await decodePayload(configuration, options);
  return results;
}

async function decodePayload(configuration: GraphConfiguration, options: PayloadOptions): Promise<ProfileResult> {
  const file = configuration.payloadFileName ?? `${configuration.displayName ?? configuration.id}.mobileprovision`;
  if (configuration.payload === null) return failed(file, 'empty', 'Graph returned no payload for this configuration, so the file Intune pushes cannot be checked.');
  const bytes = fromBase64(configuration.payload);
  if (!bytes) return failed(file, 'not-a-profile', 'The payload Graph returned is not base64, so it is not the signed file Intune pushes.');
  return inspectProfile(file, bytes, { ...(options.now ? { now: options.now } : {}), ...(options.trustedCaSha256 ? { trustedCaSha256: options.trustedCaSha256 } : {}) });
}

function failed(file: string, code: string, message: string): ProfileResult {
  return { kind: 'profile', file, ok: false, error: { code, message }, profile: null, signature: null, findings: [] };
}
