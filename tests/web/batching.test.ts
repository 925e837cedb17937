// How a long import is cut up: groups of files to read at once, and progress renders coalesced per frame.
import { describe, expect, it } from 'vitest';
import { frameThrottle, groupBySize } from '../../web/import/batching';

const sized = (...sizes: number[]) => sizes.map((size, index) => ({ name: `f${index}`, size }));

describe('groupBySize', () => {
  it('cuts at the file-count limit, keeping order', () => {
    const groups = groupBySize(sized(1, 1, 1, 1, 1), { maxFiles: 2, maxBytes: 100 });
    expect(groups.map((group) => group.map((item) => item.name))).toEqual([['f0', 'f1'], ['f2', 'f3'], ['f4']]);
  });

  it('cuts before the byte limit would be passed, and gives a file larger than the limit a group of its own', () => {
    const groups = groupBySize(sized(40, 50, 20, 500, 10), { maxFiles: 16, maxBytes: 100 });
    expect(groups.map((group) => group.map((item) => item.size))).toEqual([[40, 50], [20], [500], [10]]);
  });

  it('makes no group from no files', () => {
    expect(groupBySize([], { maxFiles: 16, maxBytes: 100 })).toEqual([]);
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
