// The apps the benches check: every .ipa in ../shared/fixtures/ipa (read at run time, never copied) and the synthetic
// apps (synthetic-apps.ts), built into `scratch`. PROVLENS_BENCH_APPS=<regex> keeps only the apps whose name matches
// (and builds only those synthetic apps).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDecodeOptions } from '../../core/app/app';
import { SHARED_FIXTURES } from '../shared-fixtures';
import { syntheticApps } from './synthetic-apps';

/** `real`: from ../shared/fixtures (app-info-parser is timed on those too). */
export interface BenchApp {
  name: string;
  bytes: Uint8Array;
  options: AppDecodeOptions;
  /** The file on disk, for what reads it there (the peak-memory child, a page's file input). */
  path: string;
  real: boolean;
}

export async function benchApps(scratch: string): Promise<BenchApp[]> {
  const wanted = new RegExp(process.env.PROVLENS_BENCH_APPS ?? '');
  const apps: BenchApp[] = [];
  const folder = join(SHARED_FIXTURES, 'ipa');
  if (existsSync(folder)) {
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.ipa') && wanted.test(file)).sort()) {
      const path = join(folder, name);
      apps.push({ name, bytes: new Uint8Array(readFileSync(path)), options: {}, path, real: true });
    }
  } else console.info('\n(../shared/fixtures/ipa absent: synthetic apps only)');
  for (const [i, app] of (await syntheticApps()).filter(({ name }) => wanted.test(name)).entries()) {
    const path = join(scratch, `synthetic-${i}.ipa`);
    const bytes = await app.build();
    writeFileSync(path, bytes);
    apps.push({ name: app.name, bytes, options: app.options, path, real: false });
  }
  return apps;
}
