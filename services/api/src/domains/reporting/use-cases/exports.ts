import { SideQuery } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import { institutionsCsv, partnershipsCsv } from '../exports.js'
import { reportsCsv } from '../report-exports.js'
import { reportingSide } from '../scope.js'

const STAFF = ['officer', 'admin'] as const

/** The side's institutions as CSV; `side` null: every side (admins without `side`). */
export const exportInstitutions = useCase({
  name: 'reporting.exportInstitutions',
  input: SideQuery,
  caller: STAFF,
  transaction: false,
  async run({ input, actor, db }) {
    const side = reportingSide(actor, input.side)
    return { side, csv: await institutionsCsv(db, actor, side) }
  },
})

/** Every partnership as CSV (no personal data). */
export const exportPartnerships = useCase({
  name: 'reporting.exportPartnerships',
  input: Type.Object({}),
  caller: STAFF,
  transaction: false,
  async run({ db }) {
    return partnershipsCsv(db)
  },
})

/** The reports after visits of the side's institutions as CSV: status, counts and ratings only. */
export const exportReports = useCase({
  name: 'reporting.exportReports',
  input: SideQuery,
  caller: STAFF,
  transaction: false,
  async run({ input, actor, db }) {
    const side = reportingSide(actor, input.side)
    return { side, csv: await reportsCsv(db, side) }
  },
})
