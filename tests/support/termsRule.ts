import type { TermsRule } from '../../rules/types';

/** A conduct `terms` rule for tests and benchmarks, with a one-line message. */
export function termsRule(id: string, terms: string[], message: string, policy = 'conduct'): TermsRule {
  return { id, kind: 'terms', category: 'conduct', severity: 'warn', message: { en: message }, tip: { en: 'Nothing to do: this rule only exists for tests.' }, policy, terms, except: [], unless: [] };
}
