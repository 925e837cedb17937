// How a long import is cut up: groups of files to read at once, and progress renders coalesced per frame.
import { describe, expect, it } from 'vitest';
import { frameThrottle, groupFiles } from '../../web/import/batching';

const named = (...names: string[]) => names.map((name) => ({ name }));
const names = (groups: { name: string }[][]) => groups.map((group) => group.map((file) => file.name));

describe('groupFiles', () => {
  it('cuts at the file-count limit, keeping order', () => {
    expect(names(groupFiles(named('a.mobileprovision', 'b.mobileprovision', 'c.provisionprofile', 'd.mobileprovision', 'e.mobileprovision'), 2))).toEqual([
      ['a.mobileprovision', 'b.mobileprovision'],
      ['c.provisionprofile', 'd.mobileprovision'],
      ['e.mobileprovision'],
    ]);
  });

  it('gives each .ipa a group of its own, whatever its size, without asking for one', () => {
    const files = named('a.mobileprovision', 'Big.IPA', 'b.mobileprovision', 'c.mobileprovision', 'Small.ipa', 'Other.ipa');
    // A File's size getter is a browser round-trip in Chromium: grouping must not touch it.
    for (const file of files) Object.defineProperty(file, 'size', { get: () => expect.unreachable('size was read') });
    expect(names(groupFiles(files, 16))).toEqual([['a.mobileprovision'], ['Big.IPA'], ['b.mobileprovision', 'c.mobileprovision'], ['Small.ipa'], ['Other.ipa']]);
  });

  it('makes no group from no files', () => {
    expect(groupFiles([])).toEqual([]);
  });
});

describe('frameThrottle', () => {
  function manualFrames() {
    const queued: (() => void)[] = [];
    return { frame: (callback: () => void) => void queued.push(callback), run: () => queued.splice(0).forEach((f) => f()) };
  }

  it('sends once per frame however often progress is requested', () => {
    const frames = manualFrames();
    let sent = 0;
    const throttle = frameThrottle(() => (sent += 1), frames.frame);
    for (let i = 0; i < 50; i++) throttle.request();
    expect(sent).toBe(0);
    frames.run();
    expect(sent).toBe(1);
    throttle.request();
    frames.run();
    expect(sent).toBe(2);
  });

  it('sends at once on now(), and a request still waiting for its frame is dropped', () => {
    const frames = manualFrames();
    const sent: string[] = [];
    let state = 'running';
    const throttle = frameThrottle(() => sent.push(state), frames.frame);
    throttle.request();
    state = 'final';
    throttle.now();
    frames.run();
    expect(sent).toEqual(['final']);
  });
});
