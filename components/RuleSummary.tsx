import { CATEGORIES, type CompiledRule } from '@/rules/types';
import { Card } from './Card';
import type { UiText } from './uiText';

interface RuleSummaryProps {
  rules: CompiledRule[];
  text: UiText;
}

/** How many rules the pack has in each category, in the fixed category order. */
export function RuleSummary({ rules, text }: RuleSummaryProps) {
  const counts = CATEGORIES.map((category) => ({
    category,
    count: rules.filter((rule) => rule.category === category).length,
  })).filter(({ count }) => count > 0);
  return (
    <Card id="rule-summary" title={text.rulesHeading}>
      <p class="rule-total">{text.ruleCount(rules.length)}</p>
      <ul class="rule-counts">
        {counts.map(({ category, count }) => (
          <li key={category} data-category={category}>
            <span class="rule-category">{text.categories[category]}</span>
            <span class="rule-count">{count}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
