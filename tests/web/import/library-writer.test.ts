// The storing half of an import, against a stand-in library: profiles go in batches, an app waits for the profiles
// queued before it, and a failed write is listed once and stops further writes.
import { describe, expect, it } from 'vitest';
import type { AppInput, Library, ProfileInput, PutStatus } from '../../../core/store';
import type { ImportFailure } from '../../../web/import/decode-group';
import { libraryWriter, MIN_STORE_BATCH, STORE_BATCH_SIZE } from '../../../web/import/library-writer';

function standIn(options: { failWrites?: boolean } = {}) {
  const writes: string[] = [];
  const library = {
    async putProfiles(inputs: readonly ProfileInput[]) {
      writes.push(`profiles:${inputs.length}`);
      if (options.failWrites) throw new DOMException('The quota has been exceeded', 'QuotaExceededError');
      return inputs.map((input) => ({ id: input.fileName, status: 'added' as PutStatus }));
    },
    async putApp(input: AppInput) {
      writes.push(`app:${input.fileName}`);
      return { id: `app:${input.fileName}`, profiles: [] };
    },
  } as unknown as Library;
  const events = { stored: [] as string[], apps: [] as string[], failures: [] as ImportFailure[] };
  const writer = libraryWriter(library, {
    stored: (id) => events.stored.push(id),
    app: (id) => events.apps.push(id),
    failed: (failure) => events.failures.push(failure),
  });
  return { writer, writes, events };
}

const profile = (i: number) => ({ fileName: `p${i}`, bytes: new Uint8Array([i]), result: {} }) as unknown as ProfileInput;
const app = (name: string) => ({ fileName: name, bytes: new Uint8Array(), result: {}, profileBytes: [] }) as unknown as AppInput;

describe('libraryWriter', () => {
  it('writes in batches of MIN_STORE_BATCH to STORE_BATCH_SIZE, every profile once, the rest on finish', async () => {
    const { writer, writes, events } = standIn();
    const count = 3 * STORE_BATCH_SIZE + 5;
    for (let i = 0; i < count; i++) await writer.addProfile(profile(i));
    await writer.finish();
    const sizes = writes.map((write) => Number(write.split(':')[1]));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(count);
    for (const size of sizes.slice(0, -1)) {
      expect(size).toBeGreaterThanOrEqual(MIN_STORE_BATCH);
      expect(size).toBeLessThanOrEqual(STORE_BATCH_SIZE);
    }
    expect(events.stored).toEqual(Array.from({ length: count }, (_, i) => `p${i}`));
  });

  it('stores an app only after the profiles queued before it', async () => {
    const { writer, writes, events } = standIn();
    await writer.addProfile(profile(1));
    await writer.addProfile(profile(2));
    await writer.addApp(app('Scan.ipa'));
    await writer.finish();
    expect(writes).toEqual(['profiles:2', 'app:Scan.ipa']);
    expect(events.apps).toEqual(['app:Scan.ipa']);
  });

  it('lists a failed write once, is broken from then on, and writes nothing more', async () => {
    const { writer, writes, events } = standIn({ failWrites: true });
    // The first batch goes as soon as MIN_STORE_BATCH wait (the writer is idle), and fails.
    for (let i = 0; i < 2 * STORE_BATCH_SIZE; i++) await writer.addProfile(profile(i));
    await writer.addApp(app('Scan.ipa'));
    await writer.finish();
    expect(writer.broken).toBe(true);
    expect(writes).toEqual([`profiles:${MIN_STORE_BATCH}`]);
    expect(events.failures).toEqual([
      { fileName: `(saving ${MIN_STORE_BATCH} profiles to the library)`, code: 'internal', message: 'The quota has been exceeded' },
    ]);
    expect(events.stored).toEqual([]);
  });
});
