import { SEVERITIES, type Finding, type Severity } from '../rules/types';

const SEVERITY_COLOR: Record<Severity, string> = { stop: '\x1b[31m', warn: '\x1b[33m', tip: '\x1b[36m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

/**
 * Findings as aligned columns `line:col  severity  message  ruleId`, like ESLint's stylish
 * output, then a summary line. Columns are 1-based; `col` counts UTF-16 units.
 */
export function formatFindingsText(text: string, findings: Finding[], color: boolean): string {
  const paint = (code: string, value: string) => (color ? code + value + RESET : value);
  const lineStarts = findLineStarts(text);
  const rows = findings.map((finding) => {
    const line = lineIndexOf(lineStarts, finding.start);
    return {
      place: `${line + 1}:${finding.start - lineStarts[line]! + 1}`,
      severity: finding.severity,
      message: finding.message.replace(/\s+/g, ' ').trim(),
      ruleId: finding.ruleId,
    };
  });
  const placeWidth = Math.max(0, ...rows.map((row) => row.place.length));
  const severityWidth = Math.max(0, ...rows.map((row) => row.severity.length));
  const messageWidth = Math.max(0, ...rows.map((row) => row.message.length));
  const lines = rows.map(
    (row) =>
      `  ${paint(DIM, row.place.padEnd(placeWidth))}  ${paint(SEVERITY_COLOR[row.severity], row.severity.padEnd(severityWidth))}  ` +
      `${row.message.padEnd(messageWidth)}  ${paint(DIM, row.ruleId)}`,
  );
  const summary = summarize(findings);
  const hasStop = findings.some((finding) => finding.severity === 'stop');
  lines.push(findings.length === 0 ? summary : paint(BOLD + (hasStop ? SEVERITY_COLOR.stop : ''), summary));
  return lines.join('\n') + '\n';
}

/** "2 problems (1 stop, 1 warn)". */
function summarize(findings: Finding[]): string {
  const counts = SEVERITIES.map((severity) => ({ severity, count: findings.filter((finding) => finding.severity === severity).length }));
  const parts = counts.filter(({ count }) => count > 0).map(({ severity, count }) => `${count} ${severity}`);
  const total = `${findings.length} ${findings.length === 1 ? 'problem' : 'problems'}`;
  return parts.length === 0 ? total : `${total} (${parts.join(', ')})`;
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** Index of the line holding `offset`: the last line start <= offset, by binary search. */
function lineIndexOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
