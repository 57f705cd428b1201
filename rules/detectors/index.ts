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

export type { Detector, Span } from './types';

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
