// How a long import is cut up: files are read a few at a time (reads of one group overlap, and overlap the decoding
// of the previous group), and progress reaches the page at most once per animation frame — rendering it after every
// one of 1,000 files cost more than decoding them.

export interface GroupLimits {
  /** At most this many files per group. */
  maxFiles: number;
  /** At most this many bytes per group, so a handful of large .ipa files are not all held in memory at once; a
   *  single file larger than this forms a group of its own. */
  maxBytes: number;
}

export const READ_GROUP: GroupLimits = { maxFiles: 32, maxBytes: 16 * 1024 * 1024 };

/** Consecutive groups of `items` (in order, none empty) within `limits`. */
export function groupBySize<T extends { size: number }>(items: readonly T[], limits: GroupLimits): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (group.length > 0 && (group.length >= limits.maxFiles || bytes + item.size > limits.maxBytes)) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(item);
    bytes += item.size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

export interface Throttle {
  /** Asks for `send` to run at the next frame; many requests before then make one call. */
  request(): void;
  /** Runs `send` now and drops any request still waiting for a frame. */
  now(): void;
}

type Frame = (callback: () => void) => void;

function defaultFrame(): Frame {
  if (typeof requestAnimationFrame === 'function') return (callback) => requestAnimationFrame(() => callback());
  return (callback) => setTimeout(callback, 16);
}

export function frameThrottle(send: () => void, frame: Frame = defaultFrame()): Throttle {
  let waiting = false;
  return {
    request() {
      if (waiting) return;
      waiting = true;
      frame(() => {
        if (!waiting) return;
        waiting = false;
        send();
      });
    },
    now() {
      waiting = false;
      send();
    },
  };
}
