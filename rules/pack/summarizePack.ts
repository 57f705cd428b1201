import { CATEGORIES, type Category, type CompiledPack } from '../types';

/**
 * What the popup shows of a pack: its name, version and policy, and how many rules it has in
 * each category (in the fixed category order, categories without rules left out). A few
 * kilobytes, where the compiled pack, with its terms and model, is about 1.8 MB.
 */
export interface PackSummary extends Pick<CompiledPack, 'name' | 'version' | 'policy'> {
  ruleCount: number;
  categoryCounts: { category: Category; count: number }[];
}

export function summarizePack(pack: CompiledPack): PackSummary {
  const categoryCounts = CATEGORIES.map((category) => ({
    category,
    count: pack.rules.filter((rule) => rule.category === category).length,
  })).filter(({ count }) => count > 0);
  return { name: pack.name, version: pack.version, policy: pack.policy, ruleCount: pack.rules.length, categoryCounts };
}
