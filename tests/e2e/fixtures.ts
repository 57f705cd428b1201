import { test as base, expect } from '@playwright/test';
import type { BrowserContext } from '@playwright/test';
import { launchExtension, type LaunchedExtension } from './launchExtension.mjs';

interface ExtensionFixtures {
  /** Browser UI language, e.g. `test.use({ uiLocale: 'fr-FR' })`; default `en-US`. */
  uiLocale: string;
  extension: LaunchedExtension;
  context: BrowserContext;
  extensionId: string;
}

/**
 * Every e2e test gets a fresh offline Chromium with the built extension loaded (`context`, also
 * behind the built-in `page`) and the extension's id, e.g. to open `chrome-extension://<id>/…`.
 */
export const test = base.extend<ExtensionFixtures>({
  uiLocale: ['en-US', { option: true }],
  extension: async ({ uiLocale }, use) => {
    const extension = await launchExtension({ locale: uiLocale });
    await use(extension);
    await extension.context.close();
  },
  context: async ({ extension }, use) => use(extension.context),
  extensionId: async ({ extension }, use) => use(extension.extensionId),
});

export { expect };
