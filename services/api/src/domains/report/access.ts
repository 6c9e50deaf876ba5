import type { DbOrTx } from '@dj/db'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { type WorkspaceAccess, workspaceAccess } from '../workspace/access.js'
import { ReportErrors } from './errors.js'
import type { ReportRow } from './store.js'

export interface ReportAccess {
  access: WorkspaceAccess
  /** A coordinator of the reporting institution. */
  own: boolean
  /** May open the report: their own, or one that is filed. */
  canRead: boolean
}

/**
 * The workspace's rule first (404 outside the pair and both offices; admins read), then the
 * report's own: a draft belongs to its institution, so the partner, the offices and admins see its
 * answers only once it is filed.
 */
export async function reportAccess(db: DbOrTx, actor: Actor, row: ReportRow): Promise<ReportAccess> {
  const access = await workspaceAccess(db, actor, row.partnershipId)
  const own = access.level === 'act' && access.ownInstitutionId === row.institutionId
  return { access, own, canRead: own || row.status === 'filed' }
}

export async function readableReport(db: DbOrTx, actor: Actor, row: ReportRow): Promise<ReportAccess> {
  const a = await reportAccess(db, actor, row)
  if (!a.canRead) throw new Errors.NotFound('report')
  return a
}

/** Only the reporting institution's coordinators write; the partner sees a filed one, so 403 there. */
export async function writableReport(db: DbOrTx, actor: Actor, row: ReportRow): Promise<ReportAccess> {
  const a = await readableReport(db, actor, row)
  if (!a.own) throw new ReportErrors.NotYours()
  if (row.status === 'filed') throw new ReportErrors.Filed()
  return a
}
