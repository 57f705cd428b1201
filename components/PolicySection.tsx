import type { PolicySection as PolicySectionData } from '@/rules/types';
import { firstParagraphText } from './firstParagraphText';

interface PolicySectionProps {
  section: PolicySectionData;
}

/** A section's title and first paragraph; the body is untrusted markdown, shown as text only. */
export function PolicySection({ section }: PolicySectionProps) {
  const summary = firstParagraphText(section.body);
  return (
    <li class="policy-section" data-section-id={section.id}>
      <h3>{section.title}</h3>
      {summary && <p>{summary}</p>}
    </li>
  );
}
