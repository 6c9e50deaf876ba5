import {
  type FullInstitution,
  getInstitution,
  type InstitutionPatch,
  LANGUAGES as LANGS,
  updateInstitution,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadOrRefuse } from '../../components/api-page.js'
import {
  applyProblem,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  input,
  requireFields,
  select,
  smallInput,
  textarea,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { seeOther, send } from '../../http/respond.js'
import { Form, IdParams } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { loadRegions, municipalityOptions, type Regions } from './regions.js'

const EDIT_FIELDS = [
  'name',
  'kind',
  'nameDe',
  'nameZh',
  'nameEn',
  'website',
  'descriptionLang',
  'description',
  'translationDe',
  'translationZh',
  'translationEn',
] as const
const EDIT_LABELS: Record<string, MessageKey> = {
  name: 'field.institutionName',
  municipalityId: 'field.municipality',
  nameDe: 'field.nameDe',
  nameZh: 'field.nameZh',
  nameEn: 'field.nameEn',
  website: 'field.website',
  descriptionLang: 'field.descriptionLang',
  description: 'field.description',
  translationDe: 'field.translationDe',
  translationZh: 'field.translationZh',
  translationEn: 'field.translationEn',
}
const cap = (l: string) => l[0]!.toUpperCase() + l.slice(1)

function editValues(inst: FullInstitution): Record<string, string> {
  const values: Record<string, string> = {
    name: inst.name,
    website: inst.website ?? '',
    municipalityId: inst.municipalityId ?? '',
    descriptionLang: inst.description?.original.lang ?? (inst.side === 'jinhua' ? 'zh' : 'de'),
    description: inst.description?.original.text ?? '',
  }
  for (const l of LANGS) {
    values[`name${cap(l)}`] = inst.nameI18n?.[l] ?? ''
    values[`translation${cap(l)}`] =
      inst.description?.translations.find((t) => t.lang === l && !t.machine)?.text ?? ''
  }
  return values
}

function editPage(v: View, inst: FullInstitution, state: FormState, regions: Regions | null): Html {
  return page(v, {
    title: v.t('inst.edit.title', { name: inst.name }),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, EDIT_LABELS)}
<form method="post" action="/institutions/${inst.id}/edit" novalidate>
  ${csrfField(v)}
  ${input(v, state, { name: 'name', label: 'field.institutionName', required: true })}
  ${select(v, state, { name: 'municipalityId', label: 'field.municipality', options: [{ value: '', label: '—' }, ...municipalityOptions(v, regions, inst.side)] })}
  <fieldset class="step"><legend>${v.t('inst.names')}</legend>
    ${input(v, state, { name: 'nameDe', label: 'field.nameDe', lang: 'de' })}
    ${input(v, state, { name: 'nameZh', label: 'field.nameZh', lang: 'zh-Hans' })}
    ${input(v, state, { name: 'nameEn', label: 'field.nameEn', lang: 'en' })}
  </fieldset>
  ${smallInput(v, state, { name: 'website', label: 'field.website', hint: 'field.websiteHint', type: 'url' })}
  <fieldset class="step"><legend>${v.t('inst.description')}</legend>
    ${select(v, state, { name: 'descriptionLang', label: 'field.descriptionLang', options: LANGS.map((l) => ({ value: l, label: v.t(`langName.${l}`) })) })}
    ${textarea(v, state, { name: 'description', label: 'field.description', hint: 'field.descriptionHint' })}
    ${textarea(v, state, { name: 'translationDe', label: 'field.translationDe', lang: 'de', rows: 3 })}
    ${textarea(v, state, { name: 'translationZh', label: 'field.translationZh', lang: 'zh-Hans', rows: 3 })}
    ${textarea(v, state, { name: 'translationEn', label: 'field.translationEn', lang: 'en', rows: 3 })}
  </fieldset>
  <button type="submit">${v.t('inst.save')}</button>
</form>`,
  })
}

/** Builds the PATCH body from the edit form; the translation of the original's own language is ignored. */
function editBody(state: FormState): InstitutionPatch {
  const val = state.values
  const nameI18n: Record<string, string> = {}
  for (const l of LANGS) if (val[`name${cap(l)}`]) nameI18n[l] = val[`name${cap(l)}`]!
  const lang = val['descriptionLang'] as 'de' | 'zh' | 'en'
  // `name` is required by the form (requireFields); the API checks the rest and names what is wrong.
  const body: InstitutionPatch = { name: val['name'] ?? '', nameI18n, website: val['website'] || null }
  if (val['municipalityId']) body.municipalityId = val['municipalityId']
  body.description = val['description']
    ? {
        original: { lang, text: val['description'] },
        translations: LANGS.filter((l) => l !== lang && val[`translation${cap(l)}`]).map((l) => ({
          lang: l,
          text: val[`translation${cap(l)}`] ?? '',
          machine: false,
        })),
      }
    : null
  return body
}

const EDIT_API_FIELDS: Record<string, string> = {
  'nameI18n.de': 'nameDe',
  'nameI18n.zh': 'nameZh',
  'nameI18n.en': 'nameEn',
  'description.original.text': 'description',
  'description.original.lang': 'descriptionLang',
}

/** Changing an institution's profile: names in three scripts, description and its translations. */
export const institutionEditPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions/:id/edit',
    { config: { access: ['coordinator', 'admin'] }, schema: { params: IdParams } },
    async (request, reply) => {
      const inst = await loadOrRefuse(request.view, reply, getInstitution, { params: request.params })
      if (!inst) return reply
      return send(
        reply,
        editPage(request.view, inst, emptyForm(editValues(inst)), await loadRegions(request.view)),
      )
    },
  )

  app.post(
    '/institutions/:id/edit',
    { config: { access: ['coordinator', 'admin'] }, schema: { params: IdParams, body: Form(EDIT_FIELDS) } },
    async (request, reply) => {
      const inst = await loadOrRefuse(request.view, reply, getInstitution, { params: request.params })
      if (!inst) return reply
      const v = request.view
      const state = requireFields(emptyForm(formValues(request.body, [...EDIT_FIELDS])), ['name'])
      const { website, descriptionLang } = state.values
      if (website && !/^https?:\/\/\S+$/.test(website)) state.errors['website'] = 'err.url'
      if (!(LANGS as readonly string[]).includes(descriptionLang ?? ''))
        state.errors['descriptionLang'] = 'err.invalid'
      const regions = await loadRegions(v)
      if (hasErrors(state)) return send(reply, editPage(v, inst, state, regions), 400)
      const res = await v.call(updateInstitution, { params: { id: inst.id }, body: editBody(state) })
      if (!res.ok) {
        applyProblem(state, res.problem, [...EDIT_FIELDS], EDIT_API_FIELDS)
        return send(
          reply,
          editPage(v, inst, state, regions),
          res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
        )
      }
      return seeOther(reply, `/institutions/${inst.id}?notice=institution-saved`)
    },
  )
}
