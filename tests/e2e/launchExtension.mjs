// Shared by the e2e fixtures and scripts/start.mjs: one place for how Chromium loads the built
// extension. Plain JS (typed in launchExtension.d.mts) so `npm start` runs without a TS loader.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_EXTENSION_DIR = fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));

/** Flags that keep the test browser offline and quiet: only localhost resolves. */
export const OFFLINE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
];

/** `locale` also sets the browser UI language the extension reads (`i18n.getUILanguage()`). */
export async function launchExtension({ headless = true, locale = 'en-US', extensionDir = CHROME_EXTENSION_DIR } = {}) {
  if (!existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(`${extensionDir}/manifest.json not found: build the extension first (npm run build).`);
  }
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM_PATH,
    headless,
    locale,
    args: [...OFFLINE_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, extensionId: new URL(worker.url()).host };
}
