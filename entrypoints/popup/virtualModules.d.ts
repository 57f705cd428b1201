declare module 'virtual:default-pack-summary' {
  import type { PackSummary } from '@/rules/pack/summarizePack';

  /** `summarizePack` of assets/default-pack.json, made when the extension is built (wxt.config.ts). */
  const summary: PackSummary;
  export default summary;
}
