import { defineError } from '../errors.js'

export const VisaErrors = {
  HostOnly: defineError(
    'VISA_HOST_ONLY',
    'forbidden',
    'the invitation letter is the host’s: a coordinator of %s issues it for your group',
  ),
  NoVisit: defineError(
    'VISA_NO_VISIT',
    'conflict',
    'the trip plan belongs to no booked visit yet; the letter needs the visit’s host and dates',
  ),
  VisitCancelled: defineError('VISA_VISIT_CANCELLED', 'conflict', 'the visit is cancelled'),
}
