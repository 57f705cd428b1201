import type { PolicySection } from '../types';
import { PackError } from './PackError';

const HEADING = /^##\s+(.+?)\s*\{#([a-z0-9-]+)\}\s*$/;

/** Cuts a policy document into sections at "## Title {#id}" headings. */
export function parsePolicy(markdown: string, file: string): PolicySection[] {
  const sections: PolicySection[] = [];
  let current: { id: string; title: string; lines: string[] } | undefined;
  const flush = () => {
    if (current) sections.push({ id: current.id, title: current.title, body: current.lines.join('\n').trim() });
  };
  markdown.split(/\r?\n/).forEach((line, i) => {
    if (line.startsWith('## ')) {
      const m = HEADING.exec(line);
      if (!m) throw new PackError(`${file}:${i + 1}`, '', 'a section heading must read "## Title {#section-id}"');
      flush();
      if (sections.some((s) => s.id === m[2])) throw new PackError(`${file}:${i + 1}`, '', `section id "${m[2]}" is used twice`);
      current = { id: m[2]!, title: m[1]!, lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  });
  flush();
  if (sections.length === 0) throw new PackError(file, '', 'no section found; start each with "## Title {#section-id}"');
  return sections;
}
