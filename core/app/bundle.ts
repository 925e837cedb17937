// Where bundles live inside an .ipa, and how a bundle id meets an App ID. Layout per Apple's "Bundle Programming
// Guide" and "Placing content in a bundle": an .ipa is Payload/<Name>.app/; nested bundles sit in a parent bundle's
// PlugIns/ (app extensions), Extensions/ (ExtensionKit), Watch/ and AppClips/. App ID matching follows Apple's
// App ID rules (TN3125 "application-identifier"): a trailing "*" matches any suffix, otherwise the match is exact.

export interface BundleLocation {
  /** Folder path inside the archive, ending in "/". */
  path: string;
  kind: 'app' | 'extension';
}

export interface BundleLayout {
  bundles: BundleLocation[];
  /** App bundles found away from Payload/ at the archive root (an archive of a folder, a re-zipped .ipa). */
  misplaced: string[];
}

const NESTED_BUNDLES: ReadonlyMap<string, RegExp> = new Map([
  ['PlugIns', /\.appex$/],
  ['Extensions', /\.appex$/],
  ['Watch', /\.app$/],
  ['AppClips', /\.app$/],
]);
// macOS Finder's resource-fork shadows mirror the real tree; they are never bundles.
const FINDER_SHADOW = /^__MACOSX\//;

export function locateBundles(names: readonly string[]): BundleLayout {
  const found = new Map<string, BundleLocation>();
  const misplaced = new Set<string>();
  for (const name of names) {
    const segments = name.split('/');
    if (segments[0] === 'Payload' && segments[1]?.endsWith('.app') && segments.length > 2) {
      addBundleChain(segments, found);
    } else if (!FINDER_SHADOW.test(name)) {
      const stray = /^(.*?\/)?Payload\/[^/]+\.app\//.exec(name);
      if (stray) misplaced.add(stray[0]);
    }
  }
  // Code-unit order is depth-first with every parent before its children: the app, then what it contains.
  const bundles = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { bundles, misplaced: [...misplaced].sort() };
}

// Walks "Payload/A.app/PlugIns/B.appex/…" recording every bundle root on the way; only folders count, so a file
// named "PlugIns/x.appex" is not a bundle.
function addBundleChain(segments: readonly string[], found: Map<string, BundleLocation>): void {
  let path = `Payload/${segments[1]}/`;
  if (!found.has(path)) found.set(path, { path, kind: 'app' });
  for (let i = 2; i + 2 < segments.length; i += 2) {
    const container = segments[i] ?? '';
    const child = segments[i + 1] ?? '';
    if (!NESTED_BUNDLES.get(container)?.test(child)) return;
    path += `${container}/${child}/`;
    if (!found.has(path)) found.set(path, { path, kind: child.endsWith('.appex') ? 'extension' : 'app' });
  }
}

/** Does an App ID's bundle pattern ("com.example.*", "*", "com.example.app") cover this bundle id? */
export function appIdCovers(pattern: string, bundleId: string): boolean {
  return pattern.endsWith('*') ? bundleId.startsWith(pattern.slice(0, -1)) : pattern === bundleId;
}

/** "Payload/Demo.app/PlugIns/Share.appex/" → "Share.appex". */
export function bundleFolderName(path: string): string {
  return path.replace(/\/$/, '').split('/').pop() ?? path;
}
