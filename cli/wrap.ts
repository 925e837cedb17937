// Long lines of the human output folded to the terminal's width, at spaces, continuing under the value column of the
// `Label         value` layout. Only for a terminal (process.stdout.columns): piped output keeps one line per fact,
// which is what grep and diff want. Colour escapes take no columns and never split.
// eslint-disable-next-line no-control-regex -- the SGR escapes cli/style.ts writes
const SGR = /\u001b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return [...text.replace(SGR, '')].length;
}

/** Each line of `text` folded to `width` columns; continuation lines start `hang` columns further in than their line. */
export function wrapLines(text: string, width: number | undefined, hang: number): string {
  if (!width || width < 40) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, width, hang))
    .join('\n');
}

function wrapLine(line: string, width: number, hang: number): string {
  if (visibleLength(line) <= width) return line;
  const lead = /^ */.exec(line)?.[0].length ?? 0;
  const indent = ' '.repeat(Math.min(lead + hang, Math.floor(width / 2)));
  const words = line.slice(lead).split(/(?<= )/);
  const out: string[] = [];
  let current = line.slice(0, lead);
  for (const word of words) {
    const fits = visibleLength(current) + visibleLength(word.trimEnd()) <= width;
    if (fits || current.trim() === '') current += word;
    else {
      out.push(current.trimEnd());
      current = indent + word;
    }
  }
  out.push(current.trimEnd());
  return out.join('\n');
}
