import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { summarizePack } from '../../rules/pack/summarizePack';
import type { CompiledPack } from '../../rules/types';
import { expect, test } from './fixtures';
import { CHROME_EXTENSION_DIR } from './launchExtension.mjs';
import { PopupPage } from './pages/PopupPage';

const pack = JSON.parse(readFileSync(new URL('../../assets/default-pack.json', import.meta.url), 'utf8')) as CompiledPack;

test('the popup runs inside the loaded extension', async ({ context, extensionId }) => {
  const popup = await PopupPage.open(context, extensionId);
  expect(await popup.manifestName()).toBe('Postguard');
  expect(popup.page.url()).toBe(`chrome-extension://${extensionId}/popup.html`);
});

test('the popup shows the default pack, its rule counts and the policy sections', async ({ context, extensionId }) => {
  const popup = await PopupPage.open(context, extensionId);

  await expect(popup.packName).toContainText(pack.name);
  await expect(popup.header).toContainText(pack.version);

  await expect(popup.policySectionTitles).toHaveText(pack.policy.en.map((section) => section.title));
  expect(await popup.policySectionTitles.count()).toBeGreaterThanOrEqual(8);

  await expect(popup.ruleSummary).toContainText(`${pack.rules.length} rules`);
  const { categoryCounts } = summarizePack(pack);
  await expect(popup.ruleCounts).toHaveCount(categoryCounts.length);
  for (const { category, count } of categoryCounts) {
    await expect(popup.ruleCounts.and(popup.page.locator(`[data-category="${category}"]`))).toContainText(String(count));
  }
});

test("the built extension carries the pack's summary, not its terms and model", () => {
  const scripts = readdirSync(CHROME_EXTENSION_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  const bytes = scripts.reduce((sum, file) => sum + statSync(join(CHROME_EXTENSION_DIR, file)).size, 0);
  // The compiled pack is about 1.8 MB of JSON; the popup needs its name, policy and rule counts.
  expect(JSON.stringify(pack).length).toBeGreaterThan(1_000_000);
  expect(bytes).toBeLessThan(200_000);
});

test('the popup is accessible and shows policy markdown as plain text', async ({ context, extensionId }) => {
  const popup = await PopupPage.open(context, extensionId);

  await expect(popup.page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(popup.page.getByRole('heading', { level: 1 })).toHaveText('Postguard');
  await expect(popup.page.getByRole('main')).toBeVisible();
  await expect(popup.page.getByRole('contentinfo')).toBeVisible();

  const summaries = popup.policy.getByRole('paragraph');
  await expect(summaries.first()).not.toBeEmpty();
  expect((await summaries.allTextContents()).join('\n')).not.toMatch(/\*\*|\]\(|<\/?[a-z]/i);
  await expect(popup.policy.locator('a, b, strong, em, script, img')).toHaveCount(0);
});

test.describe('in a French browser', () => {
  test.use({ uiLocale: 'fr-FR' });

  test('the popup speaks French and shows the French policy', async ({ context, extensionId }) => {
    const popup = await PopupPage.open(context, extensionId);

    await expect(popup.page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(popup.ruleSummary).toContainText(`${pack.rules.length} règles`);
    const sections = pack.policy.fr ?? pack.policy.en;
    await expect(popup.policySectionTitles).toHaveText(sections.map((section) => section.title));
  });
});
