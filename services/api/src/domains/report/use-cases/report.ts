import { FileReportBody, ReportPdfQuery, SaveReportBody, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import * as report from '../report.js'

const ById = Type.Object({ id: Uuid })

/** The partnership's reports with their status, for the pair's people, both offices and admins. */
export const listReports = useCase({
  name: 'report.list',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => report.listReports(db, actor, input.id),
})

/** A draft for its own institution's coordinators; once filed, for everyone who sees the partnership. */
export const viewReport = useCase({
  name: 'report.view',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => report.viewReport(db, actor, input.id),
})

export const saveReport = useCase({
  name: 'report.save',
  input: Type.Object({ ...ById.properties, ...SaveReportBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => report.saveReport(db, actor, input.id, input),
})

export const fileReport = useCase({
  name: 'report.file',
  input: Type.Object({ ...ById.properties, ...FileReportBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db, requestId }) =>
    report.fileReport(db, actor, input.id, input.expectedVersion, requestId),
})

export const reportPdf = useCase({
  name: 'report.pdf',
  input: Type.Object({ ...ById.properties, ...ReportPdfQuery.properties }),
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => report.reportPdf(db, actor, input.id, input.lang),
})
