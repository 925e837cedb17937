// Reads a chosen file without consuming it (a File can be read any number of times; the portal keeps it). In
// Firefox the page's File hands back a buffer of the page's realm, seen through an Xray wrapper whose typed arrays
// hide `constructor` (so .slice() and the core's ArrayBuffer.slice throw "Permission denied"); an element-wise
// copy into a fresh array gives the content script bytes of its own.
export async function readBytes(blob: Blob): Promise<Uint8Array> {
  const view = new Uint8Array(await blob.arrayBuffer());
  const copy = new Uint8Array(view.length);
  copy.set(view);
  return copy;
}
