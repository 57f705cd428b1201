/** A span of the original text, UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A built-in detector: scans the original text and appends what it finds to `out`, in any order.
 * Must be pure, never throw, and run in time linear in `text.length`.
 */
export type Detector = (text: string, out: Span[]) => void;
