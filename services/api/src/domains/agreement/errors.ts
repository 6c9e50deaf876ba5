import { SIGNING_ERROR_STATUS, type SigningError } from '@dj/agreement'
import { DomainError, defineError, type ErrorKind } from '../errors.js'

export const AgreementErrors = {
  Exists: defineError('AGREEMENT_EXISTS', 'conflict', 'this partnership already has an agreement'),
}

/** The kind each status of SIGNING_ERROR_STATUS is answered with (problem.ts maps it back). */
const KIND_OF: Record<(typeof SIGNING_ERROR_STATUS)[SigningError['code']], ErrorKind> = {
  403: 'forbidden',
  409: 'conflict',
  422: 'unprocessable',
}

const DETAIL: Record<SigningError['code'], string> = {
  stale_version: 'this is not the current version of the agreement; reload it and try again',
  completed: 'the agreement is fully signed; it is not edited or signed any more',
  not_ready: 'a draft is not signed; submit it for signature first',
  already_submitted: 'this version is already out for signature',
  already_signed: 'you have already signed this version, or every place you could sign is taken',
  institutions_first: 'the county offices countersign after both institutions have signed',
  no_change: 'the edit changes nothing',
  incomplete: 'the agreement lacks required fields',
  invalid_fields: 'the fields do not match the agreement’s schema',
  wrong_signer: 'there is no place on the signature block for you',
}

/**
 * A refusal of the signing state machine as problem+json: its status from SIGNING_ERROR_STATUS,
 * the current version for a stale one, the gaps or schema errors as field problems.
 */
export function signingError(e: SigningError): DomainError {
  const code = `AGREEMENT_${e.code.toUpperCase()}`
  const kind = KIND_OF[SIGNING_ERROR_STATUS[e.code]]
  switch (e.code) {
    case 'stale_version':
      return new DomainError(kind, code, DETAIL[e.code], { current: e.current })
    case 'incomplete':
      return new DomainError(kind, code, DETAIL[e.code], {
        errors: e.gaps.map((g) => ({ field: g.path, message: g.problem })),
      })
    case 'invalid_fields':
      return new DomainError(kind, code, DETAIL[e.code], {
        errors: e.errors.map((x) => ({ field: x.path || '(fields)', message: x.message })),
      })
    default:
      return new DomainError(kind, code, DETAIL[e.code])
  }
}
