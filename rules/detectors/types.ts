/** A span of the original text, UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What the word scan (rules/engine/words.ts) tells about a text, so that detectors which cannot
 * match skip it. Over-estimates are fine; an under-estimate would hide a finding.
 */
export interface TextFacts {
  /**
   * Length of the longest run of words holding an ASCII digit, less than 4 chars apart (their
   * chars added up, letters too).
   */
  digitRun: number;
  /** The most words holding an ASCII digit in a row joined by single dots ("192.168.0.1": 4). */
  dottedNumbers: number;
  /** Whether the text has an '@'. */
  atSign: boolean;
  /** Bits of the keyword families (keywords.ts) whose words the text holds. */
  keywords: number;
}

/**
 * A built-in detector: scans the original text and appends what it finds to `out`, in any order.
 * Must be pure, never throw, and run in time linear in `text.length`. Given the scan's `facts`,
 * it may skip searches they rule out; without them it runs every search.
 */
export type Detector = (text: string, out: Span[], facts?: TextFacts) => void;
