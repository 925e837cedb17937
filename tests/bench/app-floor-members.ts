// The app floor's members (app-floor.ts says what the floor is): every member of the app's bundles with its raw bytes,
// read from the central directory, and which of them are executables the check pages. No Node or browser API here,
// so both floors (Node's, and the browser's run in a page by app-browser.ts) share it.
export const PAGE = 4096;
const MACH_O = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe]);

export interface FloorMember {
  name: string;
  method: number;
  size: number;
  data: Uint8Array;
}

/** The members of the app bundles, with their raw (stored or deflated) bytes. */
export function floorMembers(zip: Uint8Array): FloorMember[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const members: FloorMember[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = zip.subarray(start, start + view.getUint32(at + 20, true));
    if (name.startsWith('Payload/') && !name.endsWith('/')) {
      members.push({ name, method: view.getUint16(at + 10, true), size: view.getUint32(at + 24, true), data });
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return members;
}

export const isMachO = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && MACH_O.has(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false));
export const executableName = (name: string): boolean => !/\.[^/]*$/.test(name.slice(name.lastIndexOf('/') + 1));
