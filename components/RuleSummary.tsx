import type { PackSummary } from '@/rules/pack/summarizePack';
import { Card } from './Card';
import type { UiText } from './uiText';

interface RuleSummaryProps {
  summary: Pick<PackSummary, 'ruleCount' | 'categoryCounts'>;
  text: UiText;
}

/** How many rules the pack has in each category, in the fixed category order. */
export function RuleSummary({ summary, text }: RuleSummaryProps) {
  return (
    <Card id="rule-summary" title={text.rulesHeading}>
      <p class="rule-total">{text.ruleCount(summary.ruleCount)}</p>
      <ul class="rule-counts">
        {summary.categoryCounts.map(({ category, count }) => (
          <li key={category} data-category={category}>
            <span class="rule-category">{text.categories[category]}</span>
            <span class="rule-count">{count}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
