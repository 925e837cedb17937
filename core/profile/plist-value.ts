// Plist values made JSON-safe (shared by the XML and binary readers): keys as own properties, <data> as base64,
// and the nesting bound both readers enforce. Base64 (core/base64.ts) is RFC 4648 §4, as plists write <data>.
import type { JsonObject, JsonValue } from '../types';

export const MAX_PLIST_DEPTH = 64;

/** Defines `key` as an own, enumerable property, so "__proto__" is data and never a prototype switch. */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  // "__proto__" is the one accessor an object inherits; every other key is an own data property by plain assignment,
  // which keeps the object fast (defineProperty on every key cost ~1 ms per check of an app with 300 sealed files).
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
