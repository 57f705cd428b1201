const NOT_PROSE = /^(?:#{1,6}\s|```|~~~|<!--|(?:[-*_]\s*){3,}$|\|)/;

/** Backslash-escaped characters are parked in the Private Use Area while markup is dropped. */
const PARKED_BASE = 0xe000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The first prose paragraph of a policy section's markdown, as plain text for a text node.
 * The markdown is untrusted: this only drops markup, the caller must still render it as text.
 */
export function firstParagraphText(markdown: string): string {
  for (const block of markdown.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const trimmed = block.trim();
    if (!trimmed || NOT_PROSE.test(trimmed)) continue;
    const text = markdownToText(trimmed);
    if (text) return text;
  }
  return '';
}

function markdownToText(block: string): string {
  return block
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, (_, char: string) => String.fromCharCode(PARKED_BASE + char.charCodeAt(0)))
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/<((?:https?|mailto):[^\s>]+)>/g, '$1')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?[a-zA-Z][^>]*>|<!--[\s\S]*?-->/g, '')
    .replace(/!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([\s\S]*?\S)[*_](?![\w*])/g, '$1$2')
    .replace(/\s*\{#[\w-]+\}/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
    .replace(/[\ue000-\ue07f]/g, (parked) => String.fromCharCode(parked.charCodeAt(0) - PARKED_BASE))
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntity(entity: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}
