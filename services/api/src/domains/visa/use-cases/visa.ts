import { Uuid, VisaLetterBody } from '@dj/contracts'
import { VisaTravellers } from '@dj/exchange'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import { visaLetterInfo as info, issueVisaLetter as issue } from '../letter.js'

/**
 * The host's coordinators render the visa invitation letter. The input schema is the strict one
 * of @dj/exchange (the contract's is loose), so a refusal names `travellers.<n>.<field>` and the
 * rule, never the value typed in.
 */
export const issueVisaLetter = useCase({
  name: 'visa.issueLetter',
  input: Type.Object({ id: Uuid, ...VisaLetterBody.properties, travellers: VisaTravellers }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => issue(db, { actor, requestId }, input),
})

/** What the form shows: host, visa, languages, dates and the agreement's defaults (host coordinators). */
export const visaLetterInfo = useCase({
  name: 'visa.letterInfo',
  input: Type.Object({ id: Uuid }),
  caller: ['coordinator'],
  transaction: false,
  run: ({ input, actor, db, requestId }) => info(db, { actor, requestId }, input.id),
})
