import type { Direction, Format, InstitutionKind } from './interest.js'

/**
 * Format-compatibility table. A physical exchange needs one side that hosts and one that visits; each
 * row names the host's format, the visitor's format and how well they fit (0..1, used by scoring).
 * The host needs direction host/both, the visitor visit/both. Virtual exchange is separate: both sides
 * offer virtual_exchange, any direction, and then no time window or group size applies.
 *
 * | host format            | visitor format         | fit | extra rule                          |
 * |------------------------|------------------------|-----|-------------------------------------|
 * | pupil_exchange_hosting | pupil_exchange_hosting | 1.0 | reciprocal exchange                 |
 * | pupil_exchange_hosting | group_visit            | 0.7 |                                     |
 * | hosting_only           | group_visit            | 1.0 |                                     |
 * | hosting_only           | pupil_exchange_hosting | 0.6 | visitor wanted reciprocity          |
 * | club_encounter         | club_encounter         | 1.0 |                                     |
 * | club_encounter         | group_visit            | 0.7 |                                     |
 * | joint_project          | joint_project          | 1.0 |                                     |
 * | staff_exchange         | staff_exchange         | 1.0 |                                     |
 * | vocational_placement   | vocational_placement   | 1.0 | host must be a training provider    |
 * | virtual_exchange       | virtual_exchange       | 1.0 | virtual, any direction              |
 */
export interface HostedRow {
  host: Format
  visitor: Format
  fit: number
  hostMustTrain: boolean
}

export const HOSTED_ROWS: readonly HostedRow[] = [
  { host: 'pupil_exchange_hosting', visitor: 'pupil_exchange_hosting', fit: 1, hostMustTrain: false },
  { host: 'pupil_exchange_hosting', visitor: 'group_visit', fit: 0.7, hostMustTrain: false },
  { host: 'hosting_only', visitor: 'group_visit', fit: 1, hostMustTrain: false },
  { host: 'hosting_only', visitor: 'pupil_exchange_hosting', fit: 0.6, hostMustTrain: false },
  { host: 'club_encounter', visitor: 'club_encounter', fit: 1, hostMustTrain: false },
  { host: 'club_encounter', visitor: 'group_visit', fit: 0.7, hostMustTrain: false },
  { host: 'joint_project', visitor: 'joint_project', fit: 1, hostMustTrain: false },
  { host: 'staff_exchange', visitor: 'staff_exchange', fit: 1, hostMustTrain: false },
  { host: 'vocational_placement', visitor: 'vocational_placement', fit: 1, hostMustTrain: true },
]

export const VIRTUAL_FIT = 1

const TRAINING_SUBTYPES = new Set(['berufskolleg', 'vocational_college', 'secondary_vocational'])

/** Can this institution take vocational placements (trainees)? */
export function isTrainingProvider(kind: InstitutionKind, subtype: string | null): boolean {
  return kind === 'vocational' || (subtype !== null && TRAINING_SUBTYPES.has(subtype))
}

export interface FormatRoles {
  /** Bit r set: can be the host of HOSTED_ROWS[r]. */
  hostMask: number
  /** Bit r set: can be the visitor of HOSTED_ROWS[r]. */
  visitMask: number
  virtual: boolean
}

export function formatRoles(
  formats: readonly Format[],
  direction: Direction,
  kind: InstitutionKind,
  subtype: string | null,
): FormatRoles {
  const has = new Set(formats)
  const canHost = direction === 'host' || direction === 'both'
  const canVisit = direction === 'visit' || direction === 'both'
  const trains = isTrainingProvider(kind, subtype)
  let hostMask = 0
  let visitMask = 0
  HOSTED_ROWS.forEach((row, r) => {
    if (canHost && has.has(row.host) && (!row.hostMustTrain || trains)) hostMask |= 1 << r
    if (canVisit && has.has(row.visitor)) visitMask |= 1 << r
  })
  return { hostMask, visitMask, virtual: has.has('virtual_exchange') }
}

/** Best fit over the rows in `mask` (0 when empty). */
export function bestRowFit(mask: number): number {
  let best = 0
  for (let r = 0; r < HOSTED_ROWS.length; r++)
    if (mask & (1 << r) && HOSTED_ROWS[r]!.fit > best) best = HOSTED_ROWS[r]!.fit
  return best
}
