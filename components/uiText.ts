import type { Category, Locale } from '@/rules/types';

/** Words of the extension's own UI (the pack brings its own texts). */
export interface UiText {
  appName: string;
  packLabel: string;
  version: (version: string) => string;
  rulesHeading: string;
  ruleCount: (count: number) => string;
  categories: Record<Category, string>;
  policyHeading: string;
  onDevice: string;
}

export const uiText: Record<Locale, UiText> = {
  en: {
    appName: 'Postguard',
    packLabel: 'Policy pack',
    version: (version) => `version ${version}`,
    rulesHeading: 'Rules by category',
    ruleCount: (count) => `${count} ${count === 1 ? 'rule' : 'rules'} in total`,
    categories: {
      confidential: 'Confidential information',
      privacy: 'Privacy',
      conduct: 'Conduct',
      legal: 'Legal',
      disclosure: 'Disclosure',
      spokesperson: 'Speaking for the company',
      security: 'Security',
    },
    policyHeading: 'Policy quick reference',
    onDevice: 'Your drafts are checked on this device; nothing is sent.',
  },
  fr: {
    appName: 'Postguard',
    packLabel: 'Politique',
    version: (version) => `version ${version}`,
    rulesHeading: 'Règles par catégorie',
    ruleCount: (count) => `${count} ${count <= 1 ? 'règle' : 'règles'} au total`,
    categories: {
      confidential: 'Infos confidentielles',
      privacy: 'Vie privée',
      conduct: 'Comportement',
      legal: 'Juridique',
      disclosure: 'Transparence',
      spokesperson: 'Porte-parole',
      security: 'Sécurité',
    },
    policyHeading: 'La politique en bref',
    onDevice: 'Vos brouillons sont vérifiés sur cet appareil ; rien n’est envoyé.',
  },
};
