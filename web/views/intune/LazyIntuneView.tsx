// The Intune page loads on first visit, so the library's first screen does not carry the wizard.
import { useEffect, useState } from 'preact/hooks';
import type { IntuneView as View } from '../IntuneView';

type Props = Parameters<typeof View>[0];

export function LazyIntuneView(props: Props) {
  const [view, setView] = useState<{ IntuneView: typeof View } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('../IntuneView').then(setView, () => setFailed(true));
  }, []);
  if (failed) return <p role="alert">This page could not be loaded. Reload to try again.</p>;
  return view ? <view.IntuneView {...props} /> : <p>Loading…</p>;
}
