import {
  BudgetQuery,
  CreateFundingProgrammeBody,
  EditFundingProgrammeBody,
  SetFundingProgrammeActiveBody,
  Uuid,
} from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import * as catalogue from '../catalogue.js'
import * as trip from '../trip-funding.js'

const ById = Type.Object({ id: Uuid })
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 })

/** Any signed-in user: the active programmes (what the platform may suggest). */
export const listActive = useCase({
  name: 'funding.listActive',
  input: Type.Object({}),
  caller: 'actor',
  transaction: false,
  run: ({ db }) => catalogue.catalogue(db, { activeOnly: true }),
})

/** Both offices and admins: the whole catalogue, deactivated programmes too. */
export const listCatalogue = useCase({
  name: 'funding.listCatalogue',
  input: Type.Object({}),
  caller: ['officer', 'admin'],
  transaction: false,
  run: ({ db }) => catalogue.catalogue(db, { activeOnly: false }),
})

export const viewProgramme = useCase({
  name: 'funding.view',
  input: ById,
  caller: ['officer', 'admin'],
  transaction: false,
  run: ({ input, db }) => catalogue.viewProgramme(db, input.id),
})

/** Officers of either office keep the one shared catalogue (both sides' exchanges draw on it). */
export const createProgramme = useCase({
  name: 'funding.create',
  input: CreateFundingProgrammeBody,
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => catalogue.createProgramme(db, { actor, requestId }, input.fields),
})

export const editProgramme = useCase({
  name: 'funding.edit',
  input: Type.Object({ ...ById.properties, ...EditFundingProgrammeBody.properties }),
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) =>
    catalogue.editProgramme(db, { actor, requestId }, input.id, input),
})

export const setProgrammeActive = useCase({
  name: 'funding.setActive',
  input: Type.Object({ ...ById.properties, ...SetFundingProgrammeActiveBody.properties }),
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) =>
    catalogue.setProgrammeActive(db, { actor, requestId }, input.id, input),
})

/** The trip plan's readers: fit, failed rules and budget for every active programme. */
export const tripFunding = useCase({
  name: 'funding.trip',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => trip.tripFunding(db, actor, input.id),
})

const BudgetInput = Type.Object({ id: Uuid, slug: Slug, ...BudgetQuery.properties })

export const tripBudgetCsv = useCase({
  name: 'funding.budgetCsv',
  input: BudgetInput,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => trip.tripBudgetCsv(db, actor, input.id, input.slug, input.locale ?? 'de'),
})

export const tripBudgetPdf = useCase({
  name: 'funding.budgetPdf',
  input: BudgetInput,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => trip.tripBudgetPdf(db, actor, input.id, input.slug, input.locale ?? 'de'),
})
