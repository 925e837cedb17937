// Generated hostile plists: what an attacker would hand a profile reader. Each must come back as a ProvlensError or
// a harmless decode, quickly, without exhausting the stack or polluting prototypes.
import type { Prng } from './prng';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const DOCTYPE = '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';
const encode = (text: string) => new TextEncoder().encode(text);

export interface HostileCase {
  name: string;
  bytes: Uint8Array;
}

/** Billion laughs: nine levels of entities, each ten of the previous (10^9 "lol"s if expanded). */
function billionLaughs(): Uint8Array {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let level = 1; level <= 9; level += 1) {
    entities.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
  }
  return encode(`${XML_HEAD}<!DOCTYPE plist [\n${entities.join('\n')}\n]>\n<plist version="1.0"><dict><key>Name</key><string>&lol9;</string></dict></plist>`);
}

function externalEntity(): Uint8Array {
  return encode(`${XML_HEAD}<!DOCTYPE plist [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<plist version="1.0"><dict><key>Name</key><string>&xxe;</string></dict></plist>`);
}

function deeplyNested(depth: number, open: string, close: string): Uint8Array {
  return encode(`${XML_HEAD}${DOCTYPE}<plist version="1.0">${open.repeat(depth)}${close.repeat(depth)}</plist>`);
}

/** A profile-shaped plist whose keys try to reach Object.prototype through a naive `obj[key] = value`. */
function prototypeKeys(rng: Prng): Uint8Array {
  const poison = '<dict><key>polluted</key><true/><key>toString</key><string>x</string></dict>';
  const hostileKeys = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty'];
  const entries = hostileKeys.map((key) => `<key>${key}</key>${poison}`).join('');
  const nested = `<key>constructor</key><dict><key>prototype</key>${poison}</dict>`;
  const uuid = `${rng.int(1e8).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return encode(
    `${XML_HEAD}${DOCTYPE}<plist version="1.0"><dict>${entries}${nested}` +
      `<key>Name</key><string>proto</string><key>UUID</key><string>${uuid}</string>` +
      `<key>TeamIdentifier</key><array><string>ABCDE12345</string></array>` +
      `<key>CreationDate</key><date>2025-01-01T00:00:00Z</date><key>ExpirationDate</key><date>2026-01-01T00:00:00Z</date>` +
      `<key>Entitlements</key><dict>${entries}<key>application-identifier</key><string>ABCDE12345.com.example</string></dict>` +
      `<key>DeveloperCertificates</key><array/></dict></plist>`,
  );
}

/** A binary plist whose only object is an array containing itself: a reader that follows references loops. */
function binaryCycle(): Uint8Array {
  const header = encode('bplist00');
  const objects = [0xa1, 0x00]; // array of 1, element = object 0 (itself)
  const offsetTableAt = header.length + objects.length;
  const trailer = new Uint8Array(32);
  trailer[6] = 1; // offset int size
  trailer[7] = 1; // object ref size
  trailer[15] = 1; // number of objects
  trailer[23] = 0; // top object
  trailer[31] = offsetTableAt;
  return Uint8Array.from([...header, ...objects, header.length, ...trailer]);
}

const GENERATORS: readonly ((rng: Prng) => HostileCase)[] = [
  () => ({ name: 'billion-laughs', bytes: billionLaughs() }),
  () => ({ name: 'external-entity', bytes: externalEntity() }),
  (rng) => ({ name: 'nested-arrays-100k', bytes: deeplyNested(100_000 + rng.int(1000), '<array>', '</array>') }),
  (rng) => ({ name: 'nested-dicts-50k', bytes: deeplyNested(50_000 + rng.int(1000), '<dict><key>k</key>', '</dict>') }),
  (rng) => ({ name: 'prototype-keys', bytes: prototypeKeys(rng) }),
  () => ({ name: 'binary-plist-cycle', bytes: binaryCycle() }),
];

export const HOSTILE_KINDS = GENERATORS.length;

export function hostileCase(rng: Prng, index: number): HostileCase {
  const generate = GENERATORS[index % GENERATORS.length];
  if (!generate) throw new Error('no hostile generators');
  return generate(rng);
}

/** Snapshot of the built-in prototypes a pollution attack would write to. */
export function prototypeFingerprint(): string {
  return [Object.prototype, Array.prototype, Function.prototype]
    .map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))
    .join('|');
}
