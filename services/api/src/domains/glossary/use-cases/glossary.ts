import { EditGlossaryEntryBody, GlossaryTermsBody, RemoveGlossaryEntryQuery, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import * as entries from '../entries.js'

const ById = Type.Object({ id: Uuid })

/** Both offices and admins read the one shared glossary (it serves both sides' searches). */
export const listGlossary = useCase({
  name: 'glossary.list',
  input: Type.Object({}),
  caller: ['officer', 'admin'],
  transaction: false,
  run: ({ db }) => entries.glossary(db),
})

export const viewGlossaryEntry = useCase({
  name: 'glossary.view',
  input: ById,
  caller: ['officer', 'admin'],
  transaction: false,
  run: ({ input, db }) => entries.viewEntry(db, input.id),
})

/** Officers of either office keep it; admins operate the platform, not its words. */
export const createGlossaryEntry = useCase({
  name: 'glossary.create',
  input: GlossaryTermsBody,
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => entries.createEntry(db, { actor, requestId }, input),
})

export const editGlossaryEntry = useCase({
  name: 'glossary.edit',
  input: Type.Object({ ...ById.properties, ...EditGlossaryEntryBody.properties }),
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) => entries.editEntry(db, { actor, requestId }, input.id, input),
})

export const removeGlossaryEntry = useCase({
  name: 'glossary.remove',
  input: Type.Object({ ...ById.properties, ...RemoveGlossaryEntryQuery.properties }),
  caller: ['officer'],
  transaction: true,
  run: ({ input, actor, db, requestId }) =>
    entries.removeEntry(db, { actor, requestId }, input.id, input.expectedVersion),
})
