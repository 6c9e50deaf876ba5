import {
  AgreementEditionQuery,
  AgreementLanguagesQuery,
  CreateAgreementBody,
  EditAgreementBody,
  HashBody,
  SignBody,
  Uuid,
} from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import * as agreement from '../agreement.js'
import { languagesOf } from '../view.js'

const ById = Type.Object({ id: Uuid, ...AgreementLanguagesQuery.properties })

/** The agreement in the reader's languages, for the pair's people, both offices and admins. */
export const viewAgreement = useCase({
  name: 'agreement.view',
  input: Type.Object({ ...ById.properties, ...AgreementEditionQuery.properties }),
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) =>
    agreement.viewAgreement(db, actor, input.id, languagesOf(input.languages), input.edition),
})

/** A coordinator of either institution drafts it from the partnership (once). */
export const createAgreement = useCase({
  name: 'agreement.create',
  input: Type.Object({ ...ById.properties, ...CreateAgreementBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) =>
    agreement.createAgreement(db, actor, input.id, input.config, languagesOf(input.languages)),
})

/** Either institution's coordinator edits; the signatures are voided and everyone told. */
export const editAgreement = useCase({
  name: 'agreement.edit',
  input: Type.Object({ ...ById.properties, ...EditAgreementBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) =>
    agreement.editAgreement(db, actor, input.id, input, languagesOf(input.languages)),
})

export const submitAgreement = useCase({
  name: 'agreement.submit',
  input: Type.Object({ ...ById.properties, ...HashBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) =>
    agreement.submitAgreement(db, actor, input.id, input.hash, languagesOf(input.languages)),
})

/** Institutions' members sign for their institution, officers countersign for their side. */
export const signAgreement = useCase({
  name: 'agreement.sign',
  input: Type.Object({ ...ById.properties, ...SignBody.properties }),
  caller: ['coordinator', 'officer'],
  transaction: true,
  run: ({ input, actor, db }) =>
    agreement.signAgreement(db, actor, input.id, input, languagesOf(input.languages)),
})

export const listVersions = useCase({
  name: 'agreement.versions',
  input: Type.Object({ id: Uuid, ...AgreementEditionQuery.properties }),
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => agreement.listVersions(db, actor, input.id, input.edition),
})

export const versionPdf = useCase({
  name: 'agreement.pdf',
  input: Type.Object({
    id: Uuid,
    version: Type.Integer({ minimum: 1 }),
    ...AgreementLanguagesQuery.properties,
    ...AgreementEditionQuery.properties,
  }),
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) =>
    agreement.versionPdf(db, actor, input.id, input.version, languagesOf(input.languages), input.edition),
})
