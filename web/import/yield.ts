// Long imports run on the main thread (see importer.ts for why), so they hand the event loop back regularly:
// every `budgetMs` of work, the page gets a chance to paint the progress bar and handle input.
const DEFAULT_BUDGET_MS = 12;

interface Scheduler {
  yield(): Promise<void>;
}

export function createYielder(budgetMs = DEFAULT_BUDGET_MS): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < budgetMs) return;
    await yieldToEventLoop();
    last = performance.now();
  };
}

export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  // setTimeout(0) is clamped to 4 ms when nested; a MessageChannel round-trip is not.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
