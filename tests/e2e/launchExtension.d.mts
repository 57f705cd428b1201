import type { BrowserContext } from '@playwright/test';

export const CHROMIUM_PATH: string;
export const CHROME_EXTENSION_DIR: string;
export const OFFLINE_ARGS: string[];

export interface LaunchedExtension {
  context: BrowserContext;
  /** Host of the extension's service worker URL. */
  extensionId: string;
}

export function launchExtension(options?: {
  headless?: boolean;
  /** BCP 47, default `en-US`: also the UI language the extension sees. */
  locale?: string;
  extensionDir?: string;
}): Promise<LaunchedExtension>;
