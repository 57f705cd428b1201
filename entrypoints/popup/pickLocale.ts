import { LOCALES, type Locale } from '@/rules/types';

/** `fr-CA` → `fr`; any language the extension does not speak → `en`. */
export function pickLocale(uiLanguage: string): Locale {
  const language = uiLanguage.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === language) ?? 'en';
}
