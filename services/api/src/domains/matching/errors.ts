import createError from '@fastify/error'

/** Conflicts of the proposal workflow; each has its own code so clients can tell them apart. */
export const MatchingErrors = {
  ProposalDeclined: createError('PROPOSAL_DECLINED', 'This proposal was declined', 409),
  ProposalExpired: createError('PROPOSAL_EXPIRED', 'This proposal has expired', 409),
  ProposalConfirmed: createError('PROPOSAL_CONFIRMED', 'This proposal is already a partnership', 409),
  ProposalAlreadyAnswered: createError(
    'PROPOSAL_ALREADY_ANSWERED',
    'Your institution already answered this proposal (%s)',
    409,
  ),
  ProposalNotAccepted: createError(
    'PROPOSAL_NOT_ACCEPTED',
    'Both institutions must accept the proposal before officers confirm it',
    409,
  ),
  InterestSameSide: createError('INTEREST_SAME_SIDE', 'Both interests belong to the same side', 409),
  InterestNotOpen: createError('INTEREST_NOT_OPEN', 'The %s interest is not open', 409),
  InstitutionNotVerified: createError(
    'INSTITUTION_NOT_VERIFIED',
    'Your institution must be verified before it can express interest',
    409,
  ),
  PairExcluded: createError('PAIR_EXCLUDED', 'This pair was declined or blocked and cannot be proposed', 409),
  PairAlreadyPartners: createError('PAIR_ALREADY_PARTNERS', 'These interests are already partners', 409),
  ProposalExists: createError('PROPOSAL_EXISTS', 'A proposal for this pair is open: %s', 409),
}
