import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import preact from '@preact/preset-vite';
import type { CompiledPack } from './rules/types';
import { summarizePack } from './rules/pack/summarizePack';

const PACK_SUMMARY = 'virtual:default-pack-summary';

/**
 * `import summary from 'virtual:default-pack-summary'`: the popup's view of the default pack,
 * made from assets/default-pack.json (written and validated by `postguard build`) when the
 * extension is built, so the popup's bundle holds a few kilobytes of it, not the whole pack.
 */
function defaultPackSummary(): Plugin {
  const resolved = `\0${PACK_SUMMARY}`;
  return {
    name: 'postguard-default-pack-summary',
    resolveId: (id) => (id === PACK_SUMMARY ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      const file = resolve(import.meta.dirname, 'assets/default-pack.json');
      this.addWatchFile(file);
      const pack = JSON.parse(readFileSync(file, 'utf8')) as CompiledPack;
      return `export default ${JSON.stringify(summarizePack(pack))};`;
    },
  };
}

export default defineConfig({
  vite: () => ({ plugins: [preact(), defaultPackSummary()] }),
  manifest: ({ browser }) => ({
    name: 'Postguard',
    description: 'Checks a draft social-media post against the company policy, on your device.',
    // Settings and sync status will live in extension storage; no host access is needed yet.
    permissions: ['storage'],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'postguard@postguard.example',
          // Nothing leaves the device: declared so Firefox shows no data-collection consent.
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
