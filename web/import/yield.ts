// Long imports hand the event loop back regularly (storing, and decoding too where there are no workers): every
// `budgetMs` of work, the page gets a chance to paint the progress bar and handle input.
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

/** Runs `callback` in a task of its own, soon: a MessageChannel message, as setTimeout(0) is clamped when nested. */
export function nextTask(callback: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback();
  };
  channel.port2.postMessage(null);
}

export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => nextTask(resolve));
}
