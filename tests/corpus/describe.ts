// `npx tsx tests/corpus/describe.ts`: fills the manifest's tool and shape columns from what the corpus reader sees
// in the extracted files (signer, slices, CodeDirectory hashes, seal version, nested bundles), so the columns say
// what each app is without anyone typing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, CORPUS_FILES, readManifest } from './manifest';
import { judgeApp, type BundleJudgement } from './reader/judge';

const SIMULATOR = new Set(['i386', 'x86_64']);

function tool(main: BundleJudgement): string {
  const simulator = main.traits.cpus.length > 0 && main.traits.cpus.every((cpu) => SIMULATOR.has(cpu));
  switch (main.traits.signer) {
    case 'none': return simulator ? 'Xcode simulator build, unsigned' : 'unsigned';
    case 'ad-hoc': return simulator ? 'Xcode simulator build, ad-hoc' : 'ad-hoc (codesign -s -: arm64 simulator or Sign to Run Locally)';
    case 'apple': return 'codesign, Apple-issued certificate';
    default: return 'codesign, certificate not from Apple';
  }
}

function shape(bundles: readonly BundleJudgement[]): string {
  const main = bundles[0]!;
  const nested = bundles.length > 1 ? `, ${bundles.length - 1} nested (${bundles.slice(1).map((b) => b.path.split('/').at(-2)).join(', ')})` : '';
  const hashes = main.traits.hashes.length ? main.traits.hashes.join('+') : 'no CodeDirectory';
  return `${main.traits.cpus.join('+') || 'no executable'}; ${hashes}; seal ${main.traits.sealVersion}${nested}`;
}

const entries = readManifest();
const lines = ['id\trepository\tcommit\tpath\tkind\tsha256\tdate\ttool\tshape'];
for (const entry of entries) {
  const file = join(CORPUS_FILES, `${entry.id}.ipa`);
  let described = { tool: entry.tool, shape: entry.shape };
  if (existsSync(file)) {
    const bundles = judgeApp(new Uint8Array(readFileSync(file)));
    described = bundles[0] ? { tool: tool(bundles[0]), shape: shape(bundles) } : { tool: 'not an app', shape: 'no Payload/*.app at the archive root' };
  }
  lines.push([entry.id, entry.repository, entry.commit, entry.path, entry.kind, entry.sha256, entry.date, described.tool, described.shape].join('\t'));
}
writeFileSync(join(CORPUS_DIR, 'manifest.tsv'), `${lines.join('\n')}\n`);
