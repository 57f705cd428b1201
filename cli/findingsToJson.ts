import type { Finding } from '../rules/types';

/**
 * The public JSON shape of findings: exactly these seven keys, in this order. Scripts and CI
 * jobs parse it, so it stays stable even when `Finding` grows.
 */
export function findingsToJson(findings: Finding[]): string {
  return JSON.stringify(
    findings.map(({ ruleId, category, severity, start, end, text, message }) => ({ ruleId, category, severity, start, end, text, message })),
  );
}
