// The tenant board loads on first visit, so the library's first screen carries none of it (and none of MSAL, which
// loads later still, only when the admin presses Sign in with Microsoft).
import { useEffect, useState } from 'preact/hooks';
import type { TenantViewProps } from '../../app';
import type { TenantView as View } from '../TenantView';

export function LazyTenantView(props: TenantViewProps) {
  const [view, setView] = useState<{ TenantView: typeof View } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('../TenantView').then(setView, () => setFailed(true));
  }, []);
  if (failed) return <p role="alert">This page could not be loaded. Reload to try again.</p>;
  return view ? <view.TenantView {...props} /> : <p>Loading…</p>;
}
