import type { DetectorId } from '../types';
import type { Detector } from './types';
import { email } from './email';
import { frNir } from './frNir';
import { iban } from './iban';
import { ipAddress } from './ipAddress';
import { paymentCard } from './paymentCard';
import { phone } from './phone';
import { secret } from './secret';
import { usSsn } from './usSsn';

export type { Detector, Span, TextFacts } from './types';
import type { TextFacts } from './types';

/** The built-in detectors, by the id a pack's `detector:` field uses. */
export const DETECTORS: Record<DetectorId, Detector> = {
  'privacy/email': email,
  'privacy/phone': phone,
  'privacy/payment-card': paymentCard,
  'privacy/iban': iban,
  'privacy/fr-nir': frNir,
  'privacy/us-ssn': usSsn,
  'privacy/ip-address': ipAddress,
  'security/secret': secret,
};

/**
 * Whether a detector can find anything in a text with these facts: each first needs that many
 * digits close together (the shortest run its own prefilter accepts), or an '@'. The generated
 * sets of tests/quality/detectors.quality.test.ts go through these gates.
 */
export const MAY_MATCH: Record<DetectorId, (facts: TextFacts) => boolean> = {
  'privacy/email': (facts) => facts.atSign,
  'privacy/phone': (facts) => facts.digitRun >= 7,
  'privacy/payment-card': (facts) => facts.digitRun >= 8,
  'privacy/iban': (facts) => facts.digitRun >= 8,
  'privacy/fr-nir': (facts) => facts.digitRun >= 6,
  'privacy/us-ssn': (facts) => facts.digitRun >= 9,
  'privacy/ip-address': (facts) => facts.digitRun >= 1, // IPv6 too needs a digit
  'security/secret': () => true,
};
