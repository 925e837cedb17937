// Waits that work inside pages whose Content-Security-Policy forbids eval (an extension's own pages, the SPA): the
// condition runs through the driver's evaluate (WebDriver BiDi script.callFunction, CDP Runtime.callFunctionOn), which
// no page CSP governs, and is polled from Node. Puppeteer's waitForFunction builds its predicate with `new Function`
// inside the page, which Firefox's extension CSP blocks ("call to Function() blocked by CSP").
import type { Frame, Page } from 'puppeteer-core';

/** Anything with puppeteer's evaluate (a Page or a Frame). */
type Scope = Pick<Page | Frame, 'evaluate'>;

const FIRST_PAUSE_MS = 25;
const LONGEST_PAUSE_MS = 250;

/**
 * Resolves once `condition(arg)` is true in the page; rejects with `what` after `timeoutMs`. A navigation or a
 * detached frame in between is not a failure: the next poll asks again.
 */
export async function until(scope: Scope, condition: (arg: string | null) => boolean, arg: string | null, options: { timeoutMs: number; what: string }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    let lastError: unknown = null;
    try {
      if (await scope.evaluate(condition, arg)) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${options.timeoutMs} ms for ${options.what}`, lastError ? { cause: lastError } : undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  }
}
