import Type, { type Static } from 'typebox'
import { DateTime, IdParams, Items, Literals, NoContent, Nullable, problems, Uuid } from '../common.js'
import { route } from '../route.js'

/**
 * The search glossary (issue 14, item 5): the offices keep it (admins read it); partner search
 * expands a query through it. Every change is versioned and audited.
 */

const tags = ['glossary'] as const
/** Both offices and admins read the glossary; only officers change it. */
export const GLOSSARY_READERS = ['officer', 'admin'] as const

export const TermLanguage = Literals(['de', 'zh', 'en'] as const)
const Term = Type.String({ minLength: 1, maxLength: 60 })
const Terms = (language: string) =>
  Type.Array(Term, { minItems: 1, maxItems: 10, description: `${language} terms, the preferred one first` })

export const GlossaryTermsBody = Type.Object(
  { de: Terms('German'), zh: Terms('Chinese'), en: Terms('English') },
  { additionalProperties: false },
)
export type GlossaryTermsBody = Static<typeof GlossaryTermsBody>

export const GlossaryEntryView = Type.Object({
  id: Uuid,
  seedKey: Nullable(Type.String({ description: 'key of the shipped entry it was seeded from' })),
  de: Type.Array(Type.String()),
  zh: Type.Array(Type.String()),
  en: Type.Array(Type.String()),
  version: Type.Integer({ minimum: 1 }),
  updatedAt: DateTime,
})
export type GlossaryEntryView = Static<typeof GlossaryEntryView>

/** Which glossary term found a search hit (the query itself did not). */
export const MatchedVia = Type.Object({ term: Type.String(), language: TermLanguage })
export type MatchedVia = Static<typeof MatchedVia>

export const officerGlossary = route({
  method: 'GET',
  path: '/v1/officer/glossary',
  tags,
  summary: 'The search glossary',
  access: { roles: GLOSSARY_READERS },
  response: { 200: Items(GlossaryEntryView), ...problems(401, 403) },
})

export const officerGlossaryEntry = route({
  method: 'GET',
  path: '/v1/officer/glossary/:id',
  tags,
  summary: 'One glossary entry',
  access: { roles: GLOSSARY_READERS },
  params: IdParams,
  response: { 200: GlossaryEntryView, ...problems(401, 403, 404) },
})

export const createGlossaryEntry = route({
  method: 'POST',
  path: '/v1/officer/glossary',
  tags,
  summary: 'Add an entry (German, Chinese and English terms)',
  description: 'A term that normalises to nothing (only punctuation) is refused with 422.',
  access: { roles: ['officer'], verifiedEmail: true },
  body: GlossaryTermsBody,
  response: { 201: GlossaryEntryView, ...problems(400, 401, 403, 422) },
})

export const EditGlossaryEntryBody = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 1 }), ...GlossaryTermsBody.properties },
  { additionalProperties: false },
)

export const editGlossaryEntry = route({
  method: 'PUT',
  path: '/v1/officer/glossary/:id',
  tags,
  summary: 'Edit an entry',
  description:
    'An `expectedVersion` that is not the current one is refused with 409 problem+json carrying the current version.',
  access: { roles: ['officer'], verifiedEmail: true },
  params: IdParams,
  body: EditGlossaryEntryBody,
  response: { 200: GlossaryEntryView, ...problems(400, 401, 403, 404, 409, 422) },
})

export const RemoveGlossaryEntryQuery = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)

export const removeGlossaryEntry = route({
  method: 'DELETE',
  path: '/v1/officer/glossary/:id',
  tags,
  summary: 'Remove an entry (the audit log keeps its terms)',
  access: { roles: ['officer'], verifiedEmail: true },
  params: IdParams,
  query: RemoveGlossaryEntryQuery,
  response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
})
