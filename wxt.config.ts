import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
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
