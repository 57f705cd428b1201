import type { BrowserContext, Locator, Page } from '@playwright/test';

/** What the page sees only when it runs as an extension page in the real browser. */
type ExtensionPageGlobals = { chrome: { runtime: { getManifest(): { name: string } } } };

/** The toolbar popup, opened as a tab: its landmarks and panels by accessible role and name. */
export class PopupPage {
  readonly header: Locator;
  readonly packName: Locator;
  readonly ruleSummary: Locator;
  readonly ruleCounts: Locator;
  readonly policy: Locator;
  readonly policySectionTitles: Locator;

  private constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.packName = this.header.locator('.pack-name');
    this.ruleSummary = page.getByRole('region', { name: /rules by category|règles par catégorie/i });
    this.ruleCounts = this.ruleSummary.getByRole('listitem');
    this.policy = page.getByRole('region', { name: /policy quick reference|la politique en bref/i });
    this.policySectionTitles = this.policy.getByRole('heading', { level: 3 });
  }

  /** Read inside the page: proves it runs in the browser with the extension loaded. */
  manifestName(): Promise<string> {
    return this.page.evaluate(() => (globalThis as unknown as ExtensionPageGlobals).chrome.runtime.getManifest().name);
  }

  static async open(context: BrowserContext, extensionId: string): Promise<PopupPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    return new PopupPage(page);
  }
}
