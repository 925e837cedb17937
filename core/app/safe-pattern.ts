// Which `rules2` patterns of a CodeResources (POSIX extended regular expressions as codesign writes them, Apple TN2206
// "Resource rules") are safe to run with a backtracking RegExp engine. Real rules are short and simple ("^.*\.lproj/",
// "^(.*/)?\.DS_Store$"); a hostile seal can ship one that backtracks for ages on one path ("^(a+)+$", "(.*a){20}").
// Why a static check rather than a timeout: JavaScript cannot interrupt a running RegExp. The check refuses what
// makes backtracking super-linear: backreferences and lookarounds, a group repeated without bound that itself
// repeats or alternates, and more than a few unbounded repeats in one pattern (each multiplies the work by the path's
// length).

const MAX_UNBOUNDED_REPEATS = 3;

/** Null when the pattern is safe to run; otherwise why not. */
export function unsafePattern(source: string): string | null {
  if (/\\[1-9]|\\k</.test(source)) return 'it uses a backreference';
  if (/\(\?<?[=!]/.test(source)) return 'it uses a lookaround';
  // For each open group: does it repeat or alternate inside?
  const groups: boolean[] = [];
  let unbounded = 0;
  let lastGroupInner = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    let closedGroup = false;
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      lastGroupInner = groups.pop() ?? false;
      closedGroup = true;
      if (lastGroupInner && groups.length) groups[groups.length - 1] = true;
    } else if (c === '|') {
      if (groups.length) groups[groups.length - 1] = true;
    } else if (c === '*' || c === '+' || c === '{') {
      const repeats = c === '{' ? repeatBound(source, i) : Infinity;
      if (repeats > 1) {
        if (repeats === Infinity) unbounded++;
        if (groups.length) groups[groups.length - 1] = true;
        const previous = source[i - 1];
        if (previous === ')' && lastGroupInner) return 'a repeated group repeats or alternates inside (nested quantifiers)';
      }
    }
    if (!closedGroup && c !== '*' && c !== '+' && c !== '?' && c !== '{') lastGroupInner = false;
    if (unbounded > MAX_UNBOUNDED_REPEATS) return `it repeats without bound more than ${MAX_UNBOUNDED_REPEATS} times`;
  }
  return null;
}

function classEnd(source: string, open: number): number {
  let i = open + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}

/** The upper bound of "{n}", "{n,}", "{n,m}" at `at`; 1 when it is not a bound (a literal brace). */
function repeatBound(source: string, at: number): number {
  const bound = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
  if (!bound) return 1;
  if (bound[2] === undefined) return Number(bound[1]);
  return bound[3] ? Number(bound[3]) : Infinity;
}
