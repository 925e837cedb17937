// Reading a group of picked files: each file's bytes under its own name, in order, and a file that can no longer be
// read (moved or changed since it was picked) listed alone with its error while the others are read.
import { describe, expect, it } from 'vitest';
import { decodeReadGroup, readGroup, readTransferables } from '../../../web/import/decode-group';

const utf8 = new TextEncoder();

class VanishedFile extends File {
  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.reject(new DOMException('A requested file or directory could not be found', 'NotFoundError'));
  }
}

describe('readGroup', () => {
  it('reads each file into its own buffer, in the order picked', async () => {
    const read = await readGroup([new File([utf8.encode('first')], 'a.mobileprovision'), new File([utf8.encode('second!')], 'b.mobileprovision')]);
    expect(read.map((entry) => ('bytes' in entry ? [entry.name, new TextDecoder().decode(entry.bytes)] : [entry.name, 'error']))).toEqual([
      ['a.mobileprovision', 'first'],
      ['b.mobileprovision', 'second!'],
    ]);
    // Own buffers, so each can be transferred to a worker (and stored) without carrying the others.
    const buffers = readTransferables(read);
    expect(buffers).toHaveLength(2);
    expect(buffers.map((buffer) => buffer.byteLength)).toEqual([5, 7]);
  });

  it('lists a file that vanished since it was picked, and reads the rest', async () => {
    const read = await readGroup([new File([utf8.encode('ok')], 'a.mobileprovision'), new VanishedFile([], 'gone.mobileprovision')]);
    expect('bytes' in read[0]! && read[0].bytes.length).toBe(2);
    const gone = read[1]!;
    expect(gone.name).toBe('gone.mobileprovision');
    expect('error' in gone ? gone.error?.message : null).toMatch(/could not be found/);
  });
});

describe('decodeReadGroup', () => {
  it('reads a file posted as itself (an app the worker reads) and decodes it as bytes read on the page would be', async () => {
    const core = await import('../../../core/index');
    const junk = utf8.encode('not a profile');
    const [posted, read] = await decodeReadGroup(core, [
      { name: 'a.mobileprovision', file: new File([junk], 'a.mobileprovision') },
      { name: 'a.mobileprovision', bytes: junk },
    ]);
    expect(posted).toEqual(read);
    expect(posted).toMatchObject({ fileName: 'a.mobileprovision', failure: { code: 'not-a-profile' } });
  });

  it('lists a posted file that can no longer be read, by name', async () => {
    const core = await import('../../../core/index');
    const [gone] = await decodeReadGroup(core, [{ name: 'gone.ipa', file: new VanishedFile([], 'gone.ipa') }]);
    expect(gone).toMatchObject({ fileName: 'gone.ipa', failure: { fileName: 'gone.ipa', message: expect.stringMatching(/could not be found/) } });
  });

  it('gives the page a pause before each file when asked, and still returns the results in order', async () => {
    const core = await import('../../../core/index');
    const events: string[] = [];
    const pause = () => {
      events.push('pause');
      return Promise.resolve();
    };
    const spied = { ...core, inspect: (name: string, bytes: Uint8Array) => (events.push(name), core.inspect(name, bytes)) };
    const names = ['a.mobileprovision', 'b.mobileprovision', 'c.mobileprovision'];
    const decoded = await decodeReadGroup(spied, names.map((name) => ({ name, bytes: utf8.encode(name) })), pause);
    expect(events).toEqual(['pause', 'a.mobileprovision', 'pause', 'b.mobileprovision', 'pause', 'c.mobileprovision']);
    expect(decoded.map((entry) => entry.fileName)).toEqual(names);
  });
});
