// How a long import is cut up: files are read and decoded a group at a time (groups overlap one another in the decode
// workers), and progress reaches the page at most once per animation frame — rendering it after every one of 1,000
// files cost more than decoding them.

/** At most this many files per group: enough to amortise a read and a worker message, few enough that progress
 *  moves and a pool of workers shares the work evenly. */
export const READ_GROUP_FILES = 32;

/**
 * Consecutive groups of `files` (in order, none empty): profiles up to `maxFiles` at a time, and each .ipa alone,
 * as an app can be hundreds of megabytes. Grouped by name, never by `File.size`: in Chromium, the size of a picked
 * file is a synchronous round-trip to the browser process, and reading 1,000 sizes up front held the main thread
 * for 0.4–1 s here. No size is read at all: each file's own read gives its length (decode-group.ts).
 */
export function groupFiles<T extends { name: string }>(files: readonly T[], maxFiles = READ_GROUP_FILES): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  for (const file of files) {
    const alone = isAppArchive(file.name);
    if (group.length > 0 && (alone || group.length >= maxFiles)) {
      groups.push(group);
      group = [];
    }
    group.push(file);
    if (alone) {
      groups.push(group);
      group = [];
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

export function isAppArchive(name: string): boolean {
  return name.toLowerCase().endsWith('.ipa');
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
