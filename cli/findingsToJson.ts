import type { Finding } from '../rules/types';

/** Per rule id: the JSON of the keys before `start`, and of the last message written with it. */
const cache = new Map<string, { head: string; severity: string; category: string; message: string; messageJson: string }>();

/**
 * The public JSON shape of findings: exactly these seven keys, in this order. Scripts and CI
 * jobs parse it, so it stays stable even when `Finding` grows.
 *
 * Written by hand rather than by `JSON.stringify` of new objects: a rule's id, category,
 * severity and message repeat on every finding of an export, so their JSON is made once per
 * rule (7 to 10 µs a post of four findings before, most of it escaping the same messages).
 */
export function findingsToJson(findings: Finding[]): string {
  let out = '[';
  for (let i = 0; i < findings.length; i++) {
    const { ruleId, category, severity, start, end, text, message } = findings[i]!;
    let rule = cache.get(ruleId);
    if (rule === undefined || rule.severity !== severity || rule.category !== category) {
      rule = { head: `{"ruleId":${JSON.stringify(ruleId)},"category":${JSON.stringify(category)},"severity":${JSON.stringify(severity)},"start":`, severity, category, message: '', messageJson: '""' };
      cache.set(ruleId, rule);
    }
    if (rule.message !== message) {
      rule.message = message;
      rule.messageJson = JSON.stringify(message);
    }
    if (i > 0) out += ',';
    out += `${rule.head}${start},"end":${end},"text":${JSON.stringify(text)},"message":${rule.messageJson}}`;
  }
  return out + ']';
}
