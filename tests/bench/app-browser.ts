// Part 3 of `npm run bench:web` (issue 20): the app check on the browser path in headless Chromium itself, against
// that path's floor in the same page, for every app of 1 MB or more in ../shared/fixtures/ipa and the two synthetic
// apps (synthetic-apps.ts). `npm run bench` estimates the browser path under Node; this is the browser's own figure.
// Time: medians of interleaved runs (floor, check) after a warm-up, each after a full garbage collection; the ratio is
// the median of each round's check ÷ its floor. Memory: the peak resident size of the page's renderer process during
// one run in a fresh page, minus its size just before (the .ipa's bytes already read and garbage collected): what
// the run holds beyond the .ipa (target ≤ 32 MB), sampled from /proc every 5 ms. And the longest main-thread task
// during a check, as run here and pausing as the extension's panel runs it in the portal (core/app/platform.ts pause). PROVLENS_BENCH_APPS=<regex> measures
// only the apps whose name matches; PROVLENS_BENCH_APP_ROUNDS sets the rounds (default 5).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openBenchPage } from './decode-page';
import { markdownTable, median } from './stats';
import { benchApps } from './bench-apps';

const MB = 1024 * 1024;
const ROUNDS = Number(process.env.PROVLENS_BENCH_APP_ROUNDS ?? 5);
const TARGET = { ratio: 1.5, beyondIpaMb: 32 };

interface PageApp {
  name: string;
  path: string;
  options: { now?: string; trustedCaSha256?: string[] };
}

type Run = (what: 'floor' | 'check' | 'paused') => Promise<{ ms: number; status: string; longestTaskMs: number }>;

/** A blank page of `origin` with the app picked and read, a way to collect its garbage, and its renderer's RSS. */
async function openAppPage(browser: Browser, origin: string, app: PageApp) {
  const context = await browser.newContext();
  const before = new Set(renderers());
  const page = await context.newPage();
  await openBenchPage(page, origin, 'app-browser-entry.ts', 'provlensRunApp', [app.path]);
  await page.evaluate(() => (window as unknown as { provlensLoadApp(): Promise<number> }).provlensLoadApp());
  const cdp = await context.newCDPSession(page);
  // The renderer this page started (a new context gets its own process here).
  const pids = renderers().filter((pid) => !before.has(pid));
  const run: Run = async (what) => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate(
      ({ what, options }) =>
        (window as unknown as { provlensRunApp: (w: string, o: unknown) => ReturnType<Run> }).provlensRunApp(what, options),
      { what, options: app.options },
    );
  };
  return { run, pids, cdp, close: () => context.close() };
}

const taskText = (ms: number) => (ms < 50 ? '< 50' : ms.toFixed(0));

function renderers(): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Peak RSS growth of the page's renderer during one run in a fresh page: MB beyond the .ipa already read. */
async function peakBeyondIpa(browser: Browser, origin: string, app: PageApp, what: 'floor' | 'check'): Promise<number> {
  const page = await openAppPage(browser, origin, app);
  try {
    await page.cdp.send('HeapProfiler.collectGarbage');
    const base = new Map(page.pids.map((pid) => [pid, rssMb(pid)]));
    const peak = new Map(base);
    const sample = () => {
      for (const pid of page.pids) peak.set(pid, Math.max(peak.get(pid) ?? 0, rssMb(pid)));
    };
    const timer = setInterval(sample, 5);
    try {
      await page.run(what);
    } finally {
      clearInterval(timer);
    }
    sample();
    return Math.max(0, ...page.pids.map((pid) => (peak.get(pid) ?? 0) - (base.get(pid) ?? 0)));
  } finally {
    await page.close();
  }
}

/** The benches' apps (bench-apps.ts): the real ones of 1 MB or more, as judged, and every synthetic one. */
async function pageApps(scratch: string): Promise<PageApp[]> {
  return (await benchApps(scratch))
    .filter((app) => !app.real || app.bytes.length >= MB)
    .map(({ name, path, options }) => ({
      name,
      path,
      options: { now: options.now?.toISOString(), trustedCaSha256: options.trustedCaSha256 ? [...options.trustedCaSha256] : undefined },
    }));
}

export async function browserAppTable(browser: Browser, origin: string): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'provlens-app-browser-'));
  try {
    const rows: string[][] = [];
    for (const app of await pageApps(scratch)) {
      const page = await openAppPage(browser, origin, app);
      let status = '';
      const floors: number[] = [];
      const checks: number[] = [];
      const tasks: number[] = [];
      const paused: { ms: number; longestTaskMs: number }[] = [];
      try {
        await page.run('floor');
        status = (await page.run('check')).status;
        for (let round = 0; round < ROUNDS; round++) {
          floors.push((await page.run('floor')).ms);
          const check = await page.run('check');
          checks.push(check.ms);
          tasks.push(check.longestTaskMs);
          paused.push(await page.run('paused'));
        }
      } finally {
        await page.close();
      }
      const ratio = median(checks.map((check, i) => check / (floors[i] ?? Number.NaN)));
      const peak = await peakBeyondIpa(browser, origin, app, 'check');
      const floorPeak = await peakBeyondIpa(browser, origin, app, 'floor');
      rows.push([
        app.name,
        (statSync(app.path).size / MB).toFixed(1),
        status,
        median(floors).toFixed(1),
        median(checks).toFixed(1),
        `${ratio.toFixed(2)}×${ratio <= TARGET.ratio ? ' met' : ' NOT met'}`,
        `${peak.toFixed(1)}${peak <= TARGET.beyondIpaMb ? '' : ' NOT met'} (floor ${floorPeak.toFixed(1)})`,
        `${taskText(median(tasks))} / ${taskText(median(paused.map((run) => run.longestTaskMs)))} (${median(paused.map((run) => run.ms)).toFixed(0)} ms)`,
      ]);
      console.info(`app ${app.name}: floor ${median(floors).toFixed(1)} ms, check ${median(checks).toFixed(1)} ms, ×${ratio.toFixed(2)}, peak beyond .ipa ${peak.toFixed(1)} MB (floor ${floorPeak.toFixed(1)})`);
    }
    return markdownTable(
      [
        'app (Chromium, one page)', 'MB', 'integrity/capabilities', 'floor ms', 'check ms', `check / floor, paired (≤ ${TARGET.ratio}×)`,
        `peak beyond .ipa MB (≤ ${TARGET.beyondIpaMb})`, 'longest task on the main thread: check / pausing (its ms)',
      ],
      rows,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
