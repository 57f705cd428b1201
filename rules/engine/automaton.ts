// Aho-Corasick compiled to a dense DFA over a small alphabet: one table lookup per normalised
// char, whatever the number of terms. Symbols are the chars that occur in some term; every other
// char maps to symbol 0, which no term contains, so it sends the automaton back to the root.

export interface Automaton {
  /** Char code (BMP) → symbol; 0 for chars that occur in no term. */
  symbolOf: Uint8Array | Uint16Array;
  alphabetSize: number;
  /**
   * next[row + symbol], where row = state * alphabetSize, holds the next state's row, or its
   * bitwise complement (negative) when that state reports a term: the scan loop does one read
   * and one sign test per char.
   */
  next: Int32Array;
  /** Term id ending at this state, or -1. */
  output: Int32Array;
  /** Nearest proper suffix state with an output, or -1 (the dictionary-suffix link). */
  outputLink: Int32Array;
  /** Length of each term, in normalised chars. */
  termLength: Int32Array;
}

export function buildAutomaton(terms: readonly string[]): Automaton {
  const symbols = new Map<number, number>();
  for (const term of terms) {
    for (let i = 0; i < term.length; i++) {
      const c = term.charCodeAt(i);
      if (!symbols.has(c)) symbols.set(c, symbols.size + 1);
    }
  }
  const alphabetSize = symbols.size + 1;
  const symbolOf = alphabetSize <= 0xff ? new Uint8Array(0x10000) : new Uint16Array(0x10000);
  for (const [c, s] of symbols) symbolOf[c] = s;

  // Trie with sparse edges first; states are numbered in creation order.
  const edges: Map<number, number>[] = [new Map()];
  const outputs: number[] = [-1];
  terms.forEach((term, id) => {
    let state = 0;
    for (let i = 0; i < term.length; i++) {
      const s = symbolOf[term.charCodeAt(i)];
      let to = edges[state].get(s);
      if (to === undefined) {
        to = edges.length;
        edges.push(new Map());
        outputs.push(-1);
        edges[state].set(s, to);
      }
      state = to;
    }
    if (outputs[state] === -1) outputs[state] = id;
  });

  const stateCount = edges.length;
  const next = new Int32Array(stateCount * alphabetSize);
  const fail = new Int32Array(stateCount);
  const outputLink = new Int32Array(stateCount).fill(-1);
  const queue: number[] = [];
  for (let s = 1; s < alphabetSize; s++) {
    const to = edges[0].get(s) ?? 0;
    next[s] = to;
    if (to !== 0) queue.push(to);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    const f = fail[state];
    outputLink[state] = outputs[f] !== -1 ? f : outputLink[f];
    const row = state * alphabetSize;
    const failRow = f * alphabetSize;
    for (let s = 1; s < alphabetSize; s++) {
      const to = edges[state].get(s);
      if (to === undefined) {
        next[row + s] = next[failRow + s];
      } else {
        next[row + s] = to;
        fail[to] = next[failRow + s];
        queue.push(to);
      }
    }
  }
  // Pre-multiply targets into row offsets; flag the states that report something.
  for (let k = 0; k < next.length; k++) {
    const to = next[k];
    next[k] = outputs[to] !== -1 || outputLink[to] !== -1 ? ~(to * alphabetSize) : to * alphabetSize;
  }
  return {
    symbolOf,
    alphabetSize,
    next,
    output: Int32Array.from(outputs),
    outputLink,
    termLength: Int32Array.from(terms, (t) => t.length),
  };
}
