// `npx tsx tests/bench/import-trace.ts` (after `npx vite build`, or `--minify false` for readable names): where a
// 1,000-profile import's time goes. One import of the built site with a Chromium trace (busy time per thread, the
// main thread's trace events) and a CPU profile of the page's main thread (self time per function). Files are the
// web bench's, kept in PROVLENS_BENCH_FILES (default /tmp/provlens-bench-files).
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../e2e/browser';
import { startStaticServer } from '../e2e/static-server';
import { writeBenchProfiles } from './bench-profiles';

const DIST = resolve(import.meta.dirname, '../../dist/web');
const DIR = process.env.PROVLENS_BENCH_FILES ?? join(tmpdir(), 'provlens-bench-files');

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };

async function main() {
  const paths = await writeBenchProfiles(DIR, 1000);
  const server = await startStaticServer({ root: DIST });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}#/import`);
    const input = page.locator('input[type="file"]').first();
    await input.waitFor({ state: 'attached' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink.user_timing', 'mojom', 'ipc', 'disabled-by-default-mojom'] });
    await cdp.send('Profiler.start');
    const start = Date.now();
    await input.setInputFiles(paths);
    await page.waitForFunction(() => document.body.textContent?.includes('1000 new'), undefined, { timeout: 60_000, polling: 20 }).catch(() => undefined);
    const elapsed = Date.now() - start;
    const { profile } = await cdp.send('Profiler.stop');
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    console.info(`import took ${elapsed} ms (until the page said 1000 new), traced and profiled (slower than the bench)`);
    const names = new Map<string, string>();
    for (const e of trace.traceEvents) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    const busy = new Map<string, { total: number; max: number; n: number; first: number; last: number }>();
    const children = new Map<string, number>();
    for (const e of trace.traceEvents) {
      if (e.ph !== 'X' || !e.dur) continue;
      const thread = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
      if (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') {
        const b = busy.get(thread) ?? { total: 0, max: 0, n: 0, first: e.ts, last: 0 };
        b.total += e.dur / 1000; b.max = Math.max(b.max, e.dur / 1000); b.n++; b.first = Math.min(b.first, e.ts); b.last = Math.max(b.last, e.ts + e.dur);
        busy.set(thread, b);
      } else if (thread === 'CrRendererMain') {
        const info = JSON.stringify(e.args ?? {}).slice(0, 160);
        const key = /mojo/i.test(e.name) ? `${e.name} ${info}` : e.name;
        children.set(key, (children.get(key) ?? 0) + e.dur / 1000);
      }
    }
    for (const [thread, b] of busy) if (b.total > 20) console.info(`${thread}: busy ${b.total.toFixed(0)} ms in ${b.n} tasks (longest ${b.max.toFixed(0)}), span ${((b.last - b.first) / 1000).toFixed(0)} ms`);
    console.info('main thread trace events (inclusive ms):');
    for (const [name, total] of [...children].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.info(`  ${total.toFixed(0).padStart(6)} ${name}`);
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const node = byId.get(id);
      if (!node) return;
      const f = node.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    });
    console.info('main thread CPU profile, self ms:');
    for (const [name, total] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.info(`  ${total.toFixed(0).padStart(6)} ${name}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
await main();
