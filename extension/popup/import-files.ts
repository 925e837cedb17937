// Quick import from the popup: decode on this device, then store through the background (which also updates the
// badge). Broken files are counted, not thrown.
import { useWebCrypto } from '../../core/cms';
import { inspectProfile } from '../../core/inspect';
import { bytesToBase64, send } from '../messages';

export async function importFiles(files: readonly File[]): Promise<string> {
  useWebCrypto(crypto);
  let saved = 0;
  const failed: string[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await inspectProfile(file.name, bytes);
    if (!result.ok) {
      failed.push(`${file.name}: ${result.error?.message ?? 'unreadable'}`);
      continue;
    }
    await send('profile:save', { fileName: file.name, bytesBase64: bytesToBase64(bytes), result });
    saved++;
  }
  return [`Imported ${saved} of ${files.length}.`, ...failed].join(' ');
}
