// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and Debian's firefox-esr driven by
// puppeteer-core over WebDriver BiDi. No browser download happens here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Browser as FirefoxBrowser } from 'puppeteer-core';

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

export const FIREFOX = process.env.PROVLENS_FIREFOX ?? '/usr/bin/firefox-esr';

export interface FirefoxWithExtension {
  browser: FirefoxBrowser;
  /** The moz-extension:// origin of the installed add-on. */
  extensionOrigin: string;
  close(): Promise<void>;
}

// A fixed internal UUID, so the test knows the add-on's moz-extension:// origin (Firefox picks a random one).
const FIREFOX_EXTENSION_UUID = '7d3c2b1a-0000-4000-8000-00000000e2e0';

/**
 * Debian's firefox-esr over WebDriver BiDi (puppeteer-core), with a built add-on installed as a temporary add-on.
 * Firefox has no host-resolver switch: every HTTPS connection goes through `proxyPort`, a CONNECT proxy that sends
 * the portal's real host names to the stand-in. --remote-allow-system-access lets the test open the add-on's own
 * pages (BiDi refuses moz-extension:// navigations without it).
 */
export async function launchFirefox(options: { extensionPath: string; extensionId: string; proxyPort: number }): Promise<FirefoxWithExtension> {
  const { launch } = await import('puppeteer-core');
  const browser = await launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': options.proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'extensions.webextensions.uuids': JSON.stringify({ [options.extensionId]: FIREFOX_EXTENSION_UUID }),
    },
  });
  try {
    await browser.installExtension(options.extensionPath);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`, close: () => browser.close() };
}
