// Growth of the engine's reused typed arrays, for the rare analysis that outgrows them.

/** A copy of `old` with twice the room. */
export function doubled<T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T {
  const next = make(old.length * 2);
  next.set(old);
  return next;
}

export const int32s = (n: number) => new Int32Array(n);
export const bytes = (n: number) => new Uint8Array(n);
