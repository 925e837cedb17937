// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core. No browser download happens here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.PROVLENS_CHROMIUM ?? '/usr/bin/chromium';

// The closed network here refuses Chromium's background connections; these flags keep it quiet and deterministic.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface PersistentBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context with a fresh user-data-dir, optionally with an unpacked extension loaded. */
export async function launchPersistent(options: { extensionPath?: string; args?: string[] } = {}): Promise<PersistentBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'provlens-chromium-'));
  const args = [...CHROMIUM_ARGS, ...(options.args ?? [])];
  if (options.extensionPath) {
    args.push(`--disable-extensions-except=${options.extensionPath}`, `--load-extension=${options.extensionPath}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
