import type { Locale } from '@/rules/types';
import type { PackSummary } from '@/rules/pack/summarizePack';
import { PackHeader } from '@/components/PackHeader';
import { PolicyQuickReference } from '@/components/PolicyQuickReference';
import { RuleSummary } from '@/components/RuleSummary';
import { uiText } from '@/components/uiText';

interface AppProps {
  pack: PackSummary;
  locale: Locale;
}

/** The popup: each panel is a Card inside <main>; new panels (training tips, sync status) are added here. */
export function App({ pack, locale }: AppProps) {
  const text = uiText[locale];
  return (
    <>
      <PackHeader pack={pack} text={text} />
      <main>
        <RuleSummary summary={pack} text={text} />
        <PolicyQuickReference policy={pack.policy} locale={locale} text={text} />
      </main>
      <footer class="popup-footer">
        <p>{text.onDevice}</p>
      </footer>
    </>
  );
}
