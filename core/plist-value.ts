// Plist values made JSON-safe (shared by the XML and binary readers): keys as own properties, <data> as base64,
// and the nesting bound both readers enforce. Base64 is RFC 4648 §4, as plists write <data>.
import type { JsonObject, JsonValue } from './types';

export const MAX_PLIST_DEPTH = 64;

/** Defines `key` as an own, enumerable property, so "__proto__" is data and never a prototype switch. */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Standard base64, as plists write <data>. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes base64 (whitespace ignored); null when the text is not valid base64. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
