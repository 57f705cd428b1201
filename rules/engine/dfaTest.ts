// Whether a pattern matches somewhere in a window of text, read through re2js's own lazy DFA.
//
// `RE2JS.test()` runs that DFA, but reads the text through a method call per char on an input
// object, and inside re2js's code every load (`charSequence.charCodeAt`, `state.next[cls]`) sees
// all the pack's patterns and window strings of every shape: megamorphic in a real analysis. A
// warm test of `privacy/salary` on one 89-char window took 2.1 µs alone and 9.3 µs next to three
// other patterns. This loop follows the transitions the DFA has already built, with every char
// read by a constant function (see the note on `charCodeAt` in words.ts), and hands the window to
// `test()` as soon as it needs a transition that is not built yet: re2js builds it, and the next
// window takes it from here. So the answer is always re2js's, and the time linear.
//
// The DFA's fields are re2js internals (2.x): when they are not what this expects, every window
// goes to `test()`. tests/unit/dfaTest.test.ts compares the two on random windows.
import type { RE2JS } from 're2js';

/** Called as `charCodeAt.call(text, i)`: see the note in words.ts. */
const charCodeAt = String.prototype.charCodeAt;

interface DfaState {
  isMatch: boolean;
  /** Unanchored transitions by char class (the class `numClasses` is the end of the text); null until built. */
  next: (DfaState | null)[] | null;
}

interface Dfa {
  failed: boolean;
  numClasses: number;
  latin1Class: Int32Array;
  runeClass(rune: number): number;
  /** Start states by the flags of the context before the text. */
  startStates: Map<number, DfaState>;
}

interface Compiled {
  onepass: unknown;
  prefixComplete: boolean;
  lazyDFA: Dfa | null;
}

/** re2js's flags for the start of a text: EMPTY_BEGIN_TEXT | EMPTY_BEGIN_LINE. */
const AT_TEXT_START = 4 | 1;

/** The DFA `test()` runs for `pattern`, once it has run, or null when `test()` takes another path. */
function dfaOf(pattern: RE2JS): Dfa | null {
  const compiled = (pattern as unknown as { re2Input?: Compiled }).re2Input;
  // One-pass and literal patterns are not run on the DFA; a DFA that failed (lookbehind) neither.
  if (compiled === undefined || compiled.onepass !== null || compiled.prefixComplete) return null;
  const dfa = compiled.lazyDFA;
  if (dfa === null || dfa === undefined || dfa.failed || !(dfa.latin1Class instanceof Int32Array) || !(dfa.startStates instanceof Map)) return null;
  return dfa;
}

export function testWindow(pattern: RE2JS, text: string): boolean {
  const dfa = dfaOf(pattern);
  const start = dfa === null ? undefined : dfa.startStates.get(AT_TEXT_START);
  if (start === undefined) return pattern.test(text);
  let state: DfaState = start;
  const latin1 = dfa!.latin1Class;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    let rune = charCodeAt.call(text, i);
    // A surrogate pair is one rune, as re2js reads it; a lone surrogate is a rune of its own.
    if (rune >= 0xd800 && rune <= 0xdbff && i + 1 < length) {
      const low = charCodeAt.call(text, i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        rune = (rune - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    const table = state.next;
    const next: DfaState | null | undefined = table === null ? null : table[rune <= 0xff ? latin1[rune] : dfa!.runeClass(rune)];
    if (next === null || next === undefined) return pattern.test(text);
    if (next.isMatch) return true;
    state = next;
  }
  const table = state.next;
  const end: DfaState | null | undefined = table === null ? null : table[dfa!.numClasses];
  if (end === null || end === undefined) return pattern.test(text);
  return end.isMatch;
}
