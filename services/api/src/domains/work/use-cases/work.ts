import {
  listOfficerPartnerships as listOfficerPartnershipsContract,
  type Side,
  SideQuery,
} from '@dj/contracts'
import Type from 'typebox'
import { reportingSide } from '../../reporting/scope.js'
import { useCase } from '../../use-case.js'
import { coordinatorToDos } from '../coordinator.js'
import { officerWorkCounts } from '../officer.js'
import { listOfficerPartnerships } from '../partnerships.js'

/** What waits for the office: officers their own side, admins both sides or one `side`. */
export const officerWork = useCase({
  name: 'work.officerWork',
  input: SideQuery,
  caller: ['officer', 'admin'],
  transaction: false,
  async run({ input, actor, db }) {
    const side = reportingSide(actor, input.side)
    const sides: Side[] = side ? [side] : ['duren', 'jinhua']
    return { sides: await Promise.all(sides.map((s) => officerWorkCounts(db, s))) }
  },
})

/** What waits for the coordinator's answer across their institutions (the dashboard's to-dos). */
export const myToDos = useCase({
  name: 'work.coordinatorToDos',
  input: Type.Object({}),
  caller: ['coordinator'],
  transaction: false,
  async run({ actor, db }) {
    return coordinatorToDos(db, actor)
  },
})

/**
 * Partnerships with their agreement's state: both offices and admins see every partnership (each
 * pairs one institution per side); the side only names the office "waiting for my office" means.
 */
export const officerPartnerships = useCase({
  name: 'work.officerPartnerships',
  input: listOfficerPartnershipsContract.query,
  caller: ['officer', 'admin'],
  transaction: false,
  async run({ input, actor, db }) {
    const { side, ...rest } = input
    return listOfficerPartnerships(db, { ...rest, side: reportingSide(actor, side) })
  },
})
