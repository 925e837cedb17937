// The web benches' import files: 100 apps × 10 yearly renewals (so the store's renewal links and the table's grouping
// both get real work), made by the test factory. Files already in the folder are kept: making them takes longer
// than the import runs (PROVLENS_BENCH_FILES names a folder that survives between runs).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProfile, sharedTestPki } from '../fixtures/factory';

export async function writeBenchProfiles(directory: string, count: number): Promise<string[]> {
  mkdirSync(directory, { recursive: true });
  const pki = await sharedTestPki();
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(directory, `bench-${i}.mobileprovision`);
    paths.push(path);
    if (existsSync(path)) continue;
    const app = i % 100;
    const year = 2020 + Math.floor(i / 100);
    const bytes = await makeProfile(pki, {
      type: i % 7 === 0 ? 'adhoc' : 'enterprise',
      uuid: `be0c0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `Bench App ${app} ${year}`,
      bundleId: `com.example.bench.app${app}`,
      createdAt: new Date(Date.UTC(year, app % 12, 1)),
      expiresAt: new Date(Date.UTC(year + 1, app % 12, 1)),
    });
    writeFileSync(path, bytes);
  }
  return paths;
}
