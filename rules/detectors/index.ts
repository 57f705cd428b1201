import type { DetectorId } from '../types';
import type { Detector } from './types';
import { email } from './email';
import { frNir, NIR_MIN_DIGIT_RUN } from './frNir';
import { iban, IBAN_MIN_DIGIT_RUN } from './iban';
import { ipAddress } from './ipAddress';
import { CARD_MIN_DIGIT_RUN, paymentCard } from './paymentCard';
import { phone, PHONE_MIN_DIGIT_RUN } from './phone';
import { secret } from './secret';
import { SSN_MIN_DIGIT_RUN, usSsn } from './usSsn';

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
  'privacy/phone': (facts) => facts.digitRun >= PHONE_MIN_DIGIT_RUN,
  'privacy/payment-card': (facts) => facts.digitRun >= CARD_MIN_DIGIT_RUN,
  'privacy/iban': (facts) => facts.digitRun >= IBAN_MIN_DIGIT_RUN,
  'privacy/fr-nir': (facts) => facts.digitRun >= NIR_MIN_DIGIT_RUN,
  'privacy/us-ssn': (facts) => facts.digitRun >= SSN_MIN_DIGIT_RUN,
  'privacy/ip-address': (facts) => facts.digitRun >= 1, // IPv6 too needs a digit
  'security/secret': () => true,
};
