import { PackError } from './PackError';

export type Variables = Record<string, string | string[]>;

const REFERENCE = /\$\{([A-Za-z][A-Za-z0-9_]*)\}/g;
const WHOLE = /^\$\{([A-Za-z][A-Za-z0-9_]*)\}$/;

/**
 * Replaces ${name} in every string of `value`. A list item that refers to a list variable
 * becomes one item per value ("try ${products}" → "try Acme Cloud", "try Acme Vault"); in a
 * `pattern` a value is literal text and a list is any one of its values ("(?:Acme Cloud|Acme
 * Vault)"); in any other string a list is joined with ", ".
 */
export function expandVariables(value: unknown, variables: Variables, file: string, path = ''): unknown {
  if (typeof value === 'string') return substitute(value, variables, file, path);
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => {
      if (typeof item === 'string') {
        const whole = WHOLE.exec(item.trim());
        const listed = whole ? variables[whole[1]!] : undefined;
        if (Array.isArray(listed)) return listed;
        // "try ${products}" becomes one item per product.
        const inner = [...item.matchAll(REFERENCE)].map((m) => variables[m[1]!]).find(Array.isArray);
        if (inner) {
          const name = [...item.matchAll(REFERENCE)].find((m) => Array.isArray(variables[m[1]!]))![0];
          return inner.map((v) => substitute(item.replace(name, () => v), variables, file, `${path}[${i}]`));
        }
      }
      return [expandVariables(item, variables, file, `${path}[${i}]`)];
    });
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const at = path ? `${path}.${k}` : k;
        return [k, k === 'pattern' && typeof v === 'string' ? substitute(v, variables, file, at, true) : expandVariables(v, variables, file, at)];
      }),
    );
  }
  return value;
}

/** `s` with its variables' values; in a regular expression (`inPattern`), as literal text. */
export function substitute(s: string, variables: Variables, file: string, path: string, inPattern = false): string {
  return s.replace(REFERENCE, (_, name: string) => {
    const v = variables[name];
    if (v === undefined) {
      throw new PackError(file, path, `unknown variable \${${name}} (defined in pack.yaml: ${Object.keys(variables).join(', ') || 'none'})`);
    }
    if (!inPattern) return Array.isArray(v) ? v.join(', ') : v;
    return Array.isArray(v) ? `(?:${v.map(escapeRegex).join('|')})` : escapeRegex(v);
  });
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Variables may refer to each other (disclosure tags naming ${company}); resolved in order, no cycles. */
export function resolveVariables(variables: Variables, file: string): Variables {
  let current = variables;
  for (let round = 0; round < 4; round++) {
    current = expandVariables(current, current, file, 'variables') as Variables;
  }
  for (const [name, v] of Object.entries(current)) {
    for (const s of Array.isArray(v) ? v : [v]) {
      if (/\$\{/.test(s)) throw new PackError(file, `variables.${name}`, 'variables refer to each other in a cycle');
    }
  }
  return current;
}
