// Whether a CSS media query matches now, kept current: views that switch between a table and cards need to know the
// breakpoint in script too (the windowed library sizes its rows by it), and must say so in one place with the CSS.
import { useEffect, useState } from 'preact/hooks';

export function useMediaQuery(media: string): boolean {
  const query = typeof matchMedia === 'function' ? matchMedia(media) : null;
  const [matches, setMatches] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const update = () => setMatches(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [query?.media]);
  return matches;
}
