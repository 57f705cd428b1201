import type { CompiledPack, Locale } from '@/rules/types';
import { Card } from './Card';
import { PolicySection } from './PolicySection';
import type { UiText } from './uiText';

interface PolicyQuickReferenceProps {
  policy: CompiledPack['policy'];
  locale: Locale;
  text: UiText;
}

/** The policy's sections in the UI language, or in English when the pack lacks that language. */
export function PolicyQuickReference({ policy, locale, text }: PolicyQuickReferenceProps) {
  const translated = policy[locale];
  const sections = translated ?? policy.en;
  return (
    <Card id="policy" title={text.policyHeading}>
      <ol class="policy-sections" lang={translated ? undefined : 'en'}>
        {sections.map((section) => (
          <PolicySection key={section.id} section={section} />
        ))}
      </ol>
    </Card>
  );
}
