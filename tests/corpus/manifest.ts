// tests/corpus/manifest.tsv: one real app per line, where it comes from and what it is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = import.meta.dirname;
export const CORPUS_FILES = join(CORPUS_DIR, 'files');

export interface CorpusEntry {
  id: string;
  repository: string;
  commit: string;
  path: string;
  kind: 'ipa' | 'zip' | 'app';
  sha256: string;
  date: string;
  tool: string;
  shape: string;
}

export function readManifest(): CorpusEntry[] {
  const [header, ...lines] = readFileSync(join(CORPUS_DIR, 'manifest.tsv'), 'utf8').split('\n').filter((line) => line.trim());
  const columns = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    const row = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])) as Record<string, string>;
    return {
      id: row.id ?? '',
      repository: row.repository ?? '',
      commit: row.commit ?? '',
      path: row.path ?? '',
      kind: (row.kind ?? 'ipa') as CorpusEntry['kind'],
      sha256: row.sha256 ?? '',
      date: row.date ?? '',
      tool: row.tool ?? '',
      shape: row.shape ?? '',
    };
  });
}
