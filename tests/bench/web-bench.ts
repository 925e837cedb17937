// `npm run bench:web`: the built site (dist/web, served under a sub-path) in headless Chromium.
//  1. Import 1,000 synthetic profiles through the import view's file input: decode, verify and store, until all
//     1,000 are in IndexedDB and the view says Done, each run in a fresh profile (empty IndexedDB). Each round imports
//     with the page told it has 2 cores and then 4 (navigator.hardwareConcurrency, which sizes the decode pool; the
//     real CPUs are the machine's, `taskset` limits them), and once with `Worker` removed (the main-thread decoder);
//     and decodes + verifies the same files alone on one thread of a page in the same browser (decode-page.ts),
//     before and after the imports. The ratio import ÷ decode+verify (target ≤ 1.5) is printed per round, so a
//     shared, loaded machine compares like with like. During each import, the longest main-thread task, from the
//     page's own PerformanceObserver 'longtask' entries (every task of 50 ms or more; target: none).
//  `--import-only` runs part 1 alone; PROVLENS_BENCH_IMPORT_RUNS sets its rounds (default 5); PROVLENS_BENCH_FILES=<dir>
//  keeps the 1,000 files there between runs; `--workers-only` leaves out the main-thread imports.
//  2. Open the library with 10,000 stored profiles: navigation start → first table rows painted (target ≤ 300 ms).
//  3. The app check on the browser path against its floor, in a page, with the renderer's peak memory (app-browser.ts);
//     `--apps-only` runs part 3 alone.
// Profiles come from the test factory (signed by a throwaway CA, so they verify as 'untrusted': same work as Apple's).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { useWebCrypto } from '../../core/cms/crypto';
import { inspect } from '../../core/inspect';
import { launchBrowser } from '../e2e/browser';
import { startStaticServer } from '../e2e/static-server';
import { openStorePage } from '../e2e/store-page';
import { browserAppTable } from './app-browser';
import { timeFloorsInPage, type Floors } from './decode-page';
import { writeBenchProfiles } from './bench-profiles';
import { makeProfile, sharedTestPki } from '../fixtures/factory';
import { markdownTable, median, ms } from './stats';

const DIST = process.env.PROVLENS_BENCH_DIST ?? resolve(import.meta.dirname, '../../dist/web');
const IMPORT_COUNT = 1_000;
const STORED_COUNT = 10_000;
const RENDER_RUNS = 5;
const IMPORT_RUNS = Number(process.env.PROVLENS_BENCH_IMPORT_RUNS ?? 5);
/** Import ÷ decode+verify of the same files on one thread, same round. */
const RATIO_TARGET = 1.5;
const LONG_TASK_TARGET_MS = 50;
const IMPORT_ONLY = process.argv.includes('--import-only');
const APPS_ONLY = process.argv.includes('--apps-only');
const RENDER_TARGET_MS = 300;
const FIRST_ROW = 'tr[data-id]';

useWebCrypto(globalThis.crypto);

function countStored(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const request = indexedDB.open('provlens');
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('profiles')) return (db.close(), done(0));
          const count = db.transaction('profiles').objectStore('profiles').count();
          count.onsuccess = () => (db.close(), done(count.result));
          count.onerror = () => (db.close(), fail(count.error));
        };
      }),
  );
}

function importDone(page: Page): Promise<boolean> {
  return page.evaluate(() => document.querySelector('.progress-report label')?.textContent?.startsWith('Done') ?? false);
}

interface ImportRun {
  /** From asking for the files (playwright's setInputFiles) until all are stored and the view says Done, as a user
   *  waits. */
  ms: number;
  /** From the input's change event (the page has the files) until all are stored: the import's own share. */
  fromChangeMs: number;
  /** The browser's task that builds the 1,000-file FileList and ends in the change event: before any page code. */
  fileListTaskMs: number;
  /** Longest main-thread task after the change event; 0 when none reached 50 ms ('longtask' entries start there). */
  longestTaskMs: number;
  longTasks: number;
}

/** How the page imports: its decode pool sized for that many cores, or no Worker at all (the main-thread decoder). */
type ImportMode = { cores: number } | 'main-thread';
const modeLabel = (mode: ImportMode) => (mode === 'main-thread' ? 'main thread (no Worker)' : `told ${mode.cores} cores`);
type PageTimes = { longTasks: { start: number; duration: number }[]; changeAt?: number };

/** One import into a fresh context (empty IndexedDB, nothing cached). */
async function timeImport(browser: Browser, url: string, files: string[], mode: ImportMode): Promise<ImportRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await observeLongTasks(context, mode);
    await page.goto(`${url}#/import`);
    const input = page.locator('input[type="file"]').first();
    await input.waitFor({ state: 'attached' });
    const start = Date.now();
    await input.setInputFiles(files);
    // Stored, and the import view says it is done: the import's last step (renewal links) runs after the last put.
    while ((await countStored(page)) < files.length || !(await importDone(page))) {
      if (Date.now() - start > 120_000) throw new Error('import did not finish within 2 minutes');
      await page.waitForTimeout(25);
    }
    const elapsed = Date.now() - start;
    const { longTasks, changeAt, now } = await page.evaluate(() => ({ ...(window as unknown as { times: PageTimes }).times, now: performance.now() }));
    if (changeAt === undefined) throw new Error('the file input sent no change event');
    const after = longTasks.filter((task) => task.start >= changeAt);
    const fileList = longTasks.find((task) => task.start < changeAt && task.start + task.duration >= changeAt);
    return {
      ms: elapsed,
      fromChangeMs: now - changeAt,
      fileListTaskMs: fileList?.duration ?? 0,
      longestTaskMs: Math.max(0, ...after.map((task) => task.duration)),
      longTasks: after.length,
    };
  } finally {
    await context.close();
  }
}

async function observeLongTasks(context: BrowserContext, mode: ImportMode): Promise<void> {
  // tsx names functions through a helper (`__name`) that code evaluated in the page would otherwise miss.
  await context.addInitScript('window.__name = (f) => f');
  await context.addInitScript(({ withoutWorkers, cores }: { withoutWorkers: boolean; cores: number }) => {
    if (withoutWorkers) Reflect.deleteProperty(window, 'Worker');
    Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => cores, configurable: true });
    const times: PageTimes = { longTasks: [] };
    (window as unknown as { times: PageTimes }).times = times;
    document.addEventListener('change', () => (times.changeAt ??= performance.now()), { capture: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) times.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  }, { withoutWorkers: mode === 'main-thread', cores: mode === 'main-thread' ? 2 : mode.cores });
}

interface Round {
  /** The same files read, decoded + verified and stored on one page thread, before and after the round's imports
   *  (their means divide). */
  floors: [Floors, Floors];
  imports: Map<ImportMode, ImportRun>;
}

async function importRounds(browser: Browser, url: string, origin: string, files: string[], modes: readonly ImportMode[]): Promise<Round[]> {
  const rounds: Round[] = [];
  const yardstick = async () => {
    const context = await browser.newContext();
    try {
      return await timeFloorsInPage(context, origin, files);
    } finally {
      await context.close();
    }
  };
  for (let round = 0; round < IMPORT_RUNS; round++) {
    const before = await yardstick();
    const imports = new Map<ImportMode, ImportRun>();
    for (const mode of modes) {
      const run = await timeImport(browser, url, files, mode);
      imports.set(mode, run);
    }
    const after = await yardstick();
    rounds.push({ floors: [before, after], imports });
    const decode = (before.decodeMs + after.decodeMs) / 2;
    console.info(
      `round ${round + 1}: read ${before.readMs.toFixed(0)} / ${after.readMs.toFixed(0)} ms, decode+verify ${before.decodeMs.toFixed(0)} / ${after.decodeMs.toFixed(0)} ms, ` +
        `store ${before.storeMs.toFixed(0)} / ${after.storeMs.toFixed(0)} ms; ` +
        [...imports].map(([mode, run]) => `${modeLabel(mode)} ${run.ms} ms (×${(run.ms / decode).toFixed(2)}), from change ${run.fromChangeMs.toFixed(0)} ms (×${(run.fromChangeMs / decode).toFixed(2)}), longest task ${run.longestTaskMs.toFixed(0)} ms`).join('; ') +
        `; load ${loadavg()[0]?.toFixed(2)}`,
    );
  }
  return rounds;
}

const meanOf = (round: Round, pick: (floors: Floors) => number) => (pick(round.floors[0]) + pick(round.floors[1])) / 2;
const decodeOf = (round: Round) => meanOf(round, (floors) => floors.decodeMs);
/** Read + decode+verify + store, each the plainest way, one after another: what any import of these files costs. */
const floorOf = (round: Round) => meanOf(round, (floors) => floors.readMs + floors.decodeMs + floors.storeMs);

function importRows(mode: ImportMode, rounds: readonly Round[]): string[][] {
  const runs = rounds.flatMap((round) => {
    const run = round.imports.get(mode);
    return run ? [{ run, decode: decodeOf(round), floor: floorOf(round) }] : [];
  });
  if (runs.length === 0) return [];
  const column = (pick: (run: ImportRun, decode: number, floor: number) => number) => runs.map(({ run, decode, floor }) => pick(run, decode, floor));
  const task = (value: number) => (value === 0 ? '< 50' : ms(value));
  const ratio = (value: number) => `×${value.toFixed(2)}`;
  const ratioVerdict = (value: number) => (value <= RATIO_TARGET ? 'ok' : 'OVER TARGET');
  const pickRatios = column((run, decode) => run.ms / decode);
  const changeRatios = column((run, decode) => run.fromChangeMs / decode);
  const floorRatios = column((run, _decode, floor) => run.fromChangeMs / floor);
  const longest = column((run) => run.longestTaskMs);
  return [
    [`import ${IMPORT_COUNT} profiles, ${modeLabel(mode)}: pick → all stored ÷ decode+verify (median of ${runs.length})`, `≤ ×${RATIO_TARGET}`, ratio(median(pickRatios)), ratioVerdict(median(pickRatios))],
    [`  per round`, '', pickRatios.map(ratio).join(' / '), ''],
    [`  pick → all stored, ms (median; per round)`, '', `${ms(median(column((run) => run.ms)))}; ${column((run) => run.ms).map((value) => value.toFixed(0)).join(' / ')}`, ''],
    [`  change event → all stored ÷ decode+verify (median; per round)`, '', `${ratio(median(changeRatios))}; ${changeRatios.map(ratio).join(' / ')}`, ''],
    [`  change event → all stored ÷ (read + decode+verify + store, the plainest way) (median; per round)`, '', `${ratio(median(floorRatios))}; ${floorRatios.map(ratio).join(' / ')}`, ''],
    [`  longest main-thread task after the change event (median)`, `≤ ${LONG_TASK_TARGET_MS} ms`, task(median(longest)), median(longest) <= LONG_TASK_TARGET_MS ? 'ok' : 'OVER TARGET'],
    [`  same, worst run; tasks ≥ 50 ms per run`, '', `${task(Math.max(...longest))}; ${column((run) => run.longTasks).join(' / ')}`, ''],
    [`  the browser's FileList task before the change event (median)`, '', task(median(column((run) => run.fileListTaskMs))), ''],
  ];
}

/** Writes `count` stored profiles straight into the v2 schema, varied from one real decoded summary. */
async function seedLibrary(page: Page, template: unknown, bytes: number[], from: number, count: number): Promise<void> {
  await page.evaluate(
    ({ template, bytes, from, count }) =>
      new Promise<void>((done, fail) => {
        const request = indexedDB.open('provlens');
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const db = request.result;
          let tx: IDBTransaction;
          try {
            tx = db.transaction(['profiles', 'files'], 'readwrite');
          } catch (error) {
            db.close();
            fail(error);
            return;
          }
          const file = new Uint8Array(bytes);
          for (let i = from; i < from + count; i++) {
            const id = `5eed0000-0000-4000-8000-${String(i).padStart(12, '0')}`;
            const result = structuredClone(template) as { profile: Record<string, unknown> };
            const expiresAt = new Date(Date.UTC(2024 + (i % 6), i % 12, 1 + (i % 28))).toISOString();
            const appIdentifier = `TESTTEAM01.com.example.seed${i % 2000}`;
            Object.assign(result.profile, { uuid: id, name: `Seeded ${i}`, expiresAt, applicationIdentifier: appIdentifier });
            tx.objectStore('profiles').put({
              id, uuid: id, fileName: `seed-${i}.mobileprovision`, importedAt: new Date().toISOString(), result,
              source: { kind: 'file' }, appIdentifier, teamId: 'TESTTEAM01', expiresAt, renewalOf: null, renewedBy: null,
            });
            tx.objectStore('files').put({ id, bytes: file });
          }
          tx.oncomplete = () => (db.close(), done());
          tx.onerror = () => (db.close(), fail(tx.error));
        };
      }),
    { template, bytes, from, count },
  );
}

async function timeFirstRows(page: Page): Promise<number> {
  // A real reload: the init script stamps a fresh document, and the library is read from IndexedDB from scratch.
  await page.reload();
  await page.waitForFunction(() => (window as { firstRowsAt?: number }).firstRowsAt !== undefined, undefined, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as { firstRowsAt?: number }).firstRowsAt ?? Number.NaN);
}

/** The store alone in the same browser (core/store/store.ts bundled on the fly, on a blank page of the same origin):
 *  tells the store's share of the numbers above from the views'. */
async function storeAlone(browser: Browser, origin: string, template: unknown, bytes: number[]) {
  const page = await openStorePage(await browser.newContext(), origin);
  return page.evaluate(
    async ({ template, bytes, total }) => {
      type Open = (options: { name: string }) => Promise<{
        putProfiles(inputs: unknown[]): Promise<unknown>;
        listProfiles(options?: { limit?: number }): Promise<unknown[]>;
      }>;
      const library = await (window as unknown as { openLibrary: Open }).openLibrary({ name: 'store-bench' });
      const make = (i: number) => {
        const result = structuredClone(template) as { profile: Record<string, unknown> };
        const id = `5707e000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        const expiresAt = new Date(Date.UTC(2024 + (i % 6), i % 12, 1)).toISOString();
        Object.assign(result.profile, { uuid: id, expiresAt, applicationIdentifier: `TESTTEAM01.com.example.s${i % 100}` });
        return { fileName: `s${i}.mobileprovision`, bytes: new Uint8Array(bytes), result };
      };
      const timings: number[] = [];
      for (let offset = 0; offset < total; offset += 1_000) {
        const batch = Array.from({ length: 1_000 }, (_, i) => make(offset + i));
        const start = performance.now();
        await library.putProfiles(batch);
        timings.push(performance.now() - start);
      }
      let start = performance.now();
      const page = await library.listProfiles({ limit: 100 });
      const firstPage = performance.now() - start;
      start = performance.now();
      const all = await library.listProfiles();
      return { firstBatch: timings[0] ?? Number.NaN, lastBatch: timings.at(-1) ?? Number.NaN, firstPage, pageSize: page.length, full: performance.now() - start, count: all.length };
    },
    { template, bytes, total: STORED_COUNT },
  );
}

async function main(): Promise<void> {
  const kept = process.env.PROVLENS_BENCH_FILES;
  if (kept) mkdirSync(kept, { recursive: true });
  const temp = kept ?? mkdtempSync(join(tmpdir(), 'provlens-web-bench-'));
  const server = await startStaticServer({ root: DIST });
  const browser = await launchBrowser();
  try {
    if (APPS_ONLY) {
      const apps = await browserAppTable(browser, server.origin);
      console.info(`\nProvLens web bench, part 3 (headless Chromium, ${new Date().toISOString()}, ${availableParallelism()} CPUs, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')})\n`);
      console.info(apps);
      return;
    }
    let started = Date.now();
    const files = await writeBenchProfiles(temp, IMPORT_COUNT);
    console.info(`made ${files.length} factory profiles in ${Date.now() - started} ms`);

    // The same decode + verify + findings in Node, to tell the decoder's share of the import from the rest.
    const decodeStart = performance.now();
    for (const file of files) await inspect(file, new Uint8Array(readFileSync(file)));
    const decodeMs = performance.now() - decodeStart;

    const modes: ImportMode[] = [{ cores: 2 }, { cores: 4 }];
    if (!process.argv.includes('--workers-only')) modes.push('main-thread');
    const rounds = await importRounds(browser, server.url, server.origin, files, modes);
    const decodes = rounds.map(decodeOf);
    const importTable = [
      ...modes.flatMap((mode) => importRows(mode, rounds)),
      [`decode+verify alone, same files, one page thread (median of rounds; per round)`, '', `${ms(median(decodes))}; ${decodes.map((value) => value.toFixed(0)).join(' / ')}`, ''],
      ...(['readMs', 'storeMs'] as const).map((key) => {
        const values = rounds.map((round) => meanOf(round, (floors) => floors[key]));
        const what = key === 'readMs' ? 'reading the 1,000 picked files alone (arrayBuffer each)' : 'storing bytes and results alone (bare IndexedDB, 32 per transaction)';
        return [`${what}, one page thread (median; per round)`, '', `${ms(median(values))}; ${values.map((value) => value.toFixed(0)).join(' / ')}`, ''];
      }),
      [`decode+verify alone, same files, Node, one thread`, '', ms(decodeMs), ''],
    ];
    const header = `\nProvLens web bench (headless Chromium, ${new Date().toISOString()}, ${availableParallelism()} CPUs, load average ${loadavg().map((load) => load.toFixed(2)).join(' ')})\n`;
    if (IMPORT_ONLY) {
      console.info(header);
      console.info(markdownTable(['measure', 'target', 'ms', 'result'], importTable));
      return;
    }

    console.info('part 2: the library with 10,000 stored profiles');
    const page = await browser.newPage();
    // Stamped by devtools before the page's own scripts: the first frame after the first row exists.
    await page.addInitScript((selector: string) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        requestAnimationFrame(() => ((window as { firstRowsAt?: number }).firstRowsAt = performance.now()));
      });
      observer.observe(document, { childList: true, subtree: true });
    }, FIRST_ROW);
    await page.goto(`${server.url}#/library`);

    started = Date.now();
    const sample = await makeProfile(await sharedTestPki(), { type: 'enterprise' });
    const template = await inspect('seed.mobileprovision', sample);
    // A fresh library: deleted (the page's own connection steps aside), then the page reloaded creates it anew. Seeding
    // waits for that: opening a database that does not exist yet would create an empty one the page must upgrade.
    await page.evaluate(
      () =>
        new Promise<void>((done, fail) => {
          const request = indexedDB.deleteDatabase('provlens');
          request.onsuccess = () => done();
          request.onerror = () => fail(request.error);
        }),
    );
    await page.reload();
    await page.waitForFunction(() => document.body.textContent?.toLowerCase().includes('nothing leaves this device'));
    await page.waitForFunction(async () => ((await indexedDB.databases()).find((database) => database.name === 'provlens')?.version ?? 0) > 0, undefined, { polling: 50 });
    // In slices: one 10,000-record transaction holds ~100 MB of writes in the renderer at once.
    for (let offset = 0; offset < STORED_COUNT; offset += 1_000) {
      await seedLibrary(page, template, [...sample], offset, 1_000);
    }
    const stored = await countStored(page);
    console.info(`seeded ${stored} stored profiles in ${Date.now() - started} ms`);

    const renders: number[] = [];
    for (let run = 0; run < RENDER_RUNS; run++) renders.push(await timeFirstRows(page));

    const store = await storeAlone(browser, server.origin, template, [...sample]);

    const rows = [
      ...importTable,
      [`library with ${stored} profiles → first rows (median of ${RENDER_RUNS})`, `≤ ${RENDER_TARGET_MS} ms`, ms(median(renders)), verdict(median(renders), RENDER_TARGET_MS)],
      [`  same, slowest run`, '', ms(Math.max(...renders)), ''],
      [`store alone: putProfiles(1,000) into an empty library`, '', ms(store.firstBatch), ''],
      [`store alone: putProfiles(1,000) into ${store.count - 1_000}`, '', ms(store.lastBatch), ''],
      [`store alone: listProfiles({ limit: ${store.pageSize} }) of ${store.count}`, '', ms(store.firstPage), ''],
      [`store alone: listProfiles() of ${store.count}`, '', ms(store.full), ''],
    ];
    const apps = await browserAppTable(browser, server.origin);
    console.info(header);
    console.info(markdownTable(['measure', 'target', 'ms', 'result'], rows));
    console.info(`\n${apps}`);
  } finally {
    await browser.close();
    await server.close();
    if (!kept) rmSync(temp, { recursive: true, force: true });
  }
}

function verdict(value: number, target: number): string {
  return value <= target ? 'ok' : 'OVER TARGET';
}

await main();
