import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import {
  applyProblem,
  checkboxes,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formList,
  formValues,
  hasErrors,
  input,
  intField,
  problemMessage,
  radios,
  requireFields,
  select,
  smallInput,
  textarea,
} from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import { formatDateTime, type MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import {
  CLUB_FIELDS,
  DIRECTIONS,
  FORMATS,
  type Institution,
  type Interest,
  LANGS,
  LEVELS,
  type Member,
  SCHOOL_DUREN,
  SCHOOL_JINHUA,
  type Side,
  TOPICS,
  UUID,
  VOCATIONAL_TYPES,
} from './registry-types.js'
import { description, instName, interestSummary } from './render.js'

const NEW_FIELDS = ['side', 'name', 'type', 'municipalityId']
const NEW_LABELS: Record<string, MessageKey> = {
  side: 'field.side',
  name: 'field.institutionName',
  type: 'field.type',
  municipalityId: 'field.municipality',
}

interface RegionUnit {
  id: string
  de: string
  en: string
  zh: string
}
type Regions = Record<Side, { name: { de: string; en: string; zh: string }; units: RegionUnit[] }>
let regionsCache: Promise<Regions | null> | undefined
/** Towns of Kreis Düren and divisions of Jinhua: fixed data, fetched once per process. */
function loadRegions(v: View): Promise<Regions | null> {
  regionsCache ??= v.api<Regions>('GET', '/v1/regions').then((r) => {
    if (!r.ok) regionsCache = undefined
    return r.ok ? r.data : null
  })
  return regionsCache
}
const regionLabel = (v: View, x: { de: string; en: string; zh: string }) =>
  v.locale === 'zh' ? x.zh : v.locale === 'en' ? x.en : x.de
function municipalityOptions(v: View, regions: Regions | null, only?: Side) {
  if (!regions) return []
  return (['duren', 'jinhua'] as const)
    .filter((side) => !only || side === only)
    .flatMap((side) =>
      regions[side].units.map((u) => ({
        value: u.id,
        label: regionLabel(v, u),
        group: regionLabel(v, regions[side].name),
      })),
    )
}

/** Kind and subtype in one choice ("school:gymnasium"), grouped; the API checks it fits the side. */
const TYPE_GROUPS: [MessageKey, string, [string, MessageKey][]][] = [
  ['kindGroup.schoolDuren', 'school', SCHOOL_DUREN.map((s) => [s, `subtype.${s}` as MessageKey])],
  ['kindGroup.schoolJinhua', 'school', SCHOOL_JINHUA.map((s) => [s, `subtype.${s}` as MessageKey])],
  ['kind.club', 'club', CLUB_FIELDS.map((s) => [s, `subtype.${s}` as MessageKey])],
  [
    'kind.vocational',
    'vocational',
    VOCATIONAL_TYPES.map((s) => [
      s,
      `subtype.${s === 'vocational_college' ? 'vocational_college_v' : s}` as MessageKey,
    ]),
  ],
  ['kind.public', 'public', [['', 'kind.public']]],
]
const typeOptions = (v: View) =>
  TYPE_GROUPS.flatMap(([group, kind, subs]) =>
    subs.map(([sub, label]) => ({ value: `${kind}:${sub}`, label: v.t(label), group: v.t(group) })),
  )
const parseType = (value: string | undefined) => {
  const [kind = '', subtype = ''] = (value ?? '').split(':')
  const known = TYPE_GROUPS.some(([, k, subs]) => k === kind && subs.some(([s]) => s === subtype))
  return known ? { kind, subtype: subtype || null } : null
}

function newInstitutionPage(v: View, state: FormState, regions: Regions | null): Html {
  return page(v, {
    title: v.t('institution.new.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, NEW_LABELS)}
<p>${v.t('institution.new.intro')}</p>
<form method="post" action="/institutions/new" novalidate>
  ${csrfField(v)}
  ${radios(v, state, {
    name: 'side',
    label: 'field.side',
    required: true,
    options: [
      { value: 'duren', label: v.t('side.duren') },
      { value: 'jinhua', label: v.t('side.jinhua') },
    ],
  })}
  ${input(v, state, { name: 'name', label: 'field.institutionName', required: true, autocomplete: 'organization' })}
  ${select(v, state, { name: 'type', label: 'field.type', required: true, options: [{ value: '', label: '—' }, ...typeOptions(v)] })}
  ${select(v, state, { name: 'municipalityId', label: 'field.municipality', hint: 'field.municipalityHint', required: true, options: [{ value: '', label: '—' }, ...municipalityOptions(v, regions)] })}
  <button type="submit">${v.t('institution.submit')}</button>
</form>`,
  })
}

function listPage(v: View, items: Institution[], notice?: string): Html {
  return page(v, {
    title: v.t('inst.list.title'),
    notice,
    body: html`${
      items.length === 0
        ? html`<p>${v.t('inst.list.empty')}</p>`
        : html`<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('inst.list.title')}</caption>
  <thead><tr><th scope="col">${v.t('col.instName')}</th><th scope="col">${v.t('col.side')}</th><th scope="col">${v.t('inst.kind')}</th><th scope="col">${v.t('inst.status')}</th><th scope="col">${v.t('col.role')}</th></tr></thead>
  <tbody>${items.map(
    (i) =>
      html`<tr><th scope="row"><a href="/institutions/${i.id}">${instName(v, i)}</a></th><td>${v.t(`side.${i.side}`)}</td><td>${
        i.kind ? v.t(`kind.${i.kind}`) : ''
      }</td><td>${v.t(`instStatus.${i.status}`)}</td><td>${i.myRole ? v.t(`memberRole.${i.myRole}`) : ''}</td></tr>`,
  )}</tbody></table></div>`
    }
<p><a class="button" href="/institutions/new">${v.t('nav.institutionNew')}</a></p>`,
  })
}

function detailPage(
  v: View,
  inst: Institution,
  members: Member[],
  interests: Interest[],
  notice?: string,
): Html {
  const canEdit = inst.myRole === 'owner' || inst.myRole === 'member' || v.me?.role === 'admin'
  const names = Object.entries(inst.nameI18n ?? {}) as [keyof Institution['nameI18n'], string][]
  return page(v, {
    title: inst.name,
    notice,
    body: html`${inst.status === 'pending' && html`<div class="callout"><p>${v.t('inst.pendingNote')}</p></div>`}
<dl class="facts">
  <dt>${v.t('inst.status')}</dt><dd>${v.t(`instStatus.${inst.status}`)}</dd>
  <dt>${v.t('col.side')}</dt><dd>${v.t(`side.${inst.side}`)}</dd>
  ${inst.kind && html`<dt>${v.t('inst.kind')}</dt><dd>${v.t(`kind.${inst.kind}`)}</dd>`}
  ${
    names.length > 0 &&
    html`<dt>${v.t('inst.names')}</dt><dd><ul class="plain">${names.map(
      ([lang, name]) =>
        html`<li><span lang="${lang === 'zh' ? 'zh-Hans' : lang}">${name}</span> (${v.t(`langName.${lang}`)})</li>`,
    )}</ul></dd>`
  }
  ${inst.website && html`<dt>${v.t('inst.website')}</dt><dd><a href="${inst.website}" rel="noopener noreferrer">${inst.website}</a></dd>`}
</dl>
${inst.description && html`<h2>${v.t('inst.description')}</h2>${description(v, inst)}`}
${
  canEdit &&
  html`<p><a href="/institutions/${inst.id}/edit">${v.t('inst.edit')}</a></p>
<p><a href="/institutions/${inst.id}/calendar">${v.t('cal.link')}</a></p>`
}
<h2>${v.t('inst.interests')}</h2>
${
  interests.length === 0
    ? html`<p>${v.t('inst.noInterests')}</p>`
    : interests.map(
        (i) => html`<section class="card" aria-labelledby="interest-${i.id}">
  <h3 id="interest-${i.id}">${i.formats.map((f) => v.t(`format.${f}`)).join(', ')} <span class="badge">${v.t(`interestStatus.${i.status}`)}</span></h3>
  ${interestSummary(v, i, { formats: false })}
  ${canEdit && html`<p><a href="/interests/${i.id}/edit" aria-describedby="interest-${i.id}">${v.t('interest.edit')}</a></p>`}
</section>`,
      )
}
${canEdit && html`<p><a class="button" href="/institutions/${inst.id}/interests/new">${v.t('inst.addInterest')}</a></p>`}
${
  members.length > 0 &&
  html`<h2>${v.t('inst.members')}</h2>
<p><a href="/institutions/${inst.id}/colleagues">${v.t('colleagues.manage')}</a></p>
<ul>${members.map(
    (m) =>
      html`<li>${m.displayName} (${v.t(`memberRole.${m.role}`)}), <a href="mailto:${m.email}">${m.email}</a>, ${v.t('profile.created')}: <time datetime="${m.since}">${formatDateTime(v.locale, v.timeZone, m.since)}</time></li>`,
  )}</ul>`
}`,
  })
}

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
]
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

function editValues(inst: Institution): Record<string, string> {
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

function editPage(v: View, inst: Institution, state: FormState, regions: Regions | null): Html {
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
function editBody(state: FormState): Record<string, unknown> {
  const val = state.values
  const nameI18n: Record<string, string> = {}
  for (const l of LANGS) if (val[`name${cap(l)}`]) nameI18n[l] = val[`name${cap(l)}`]!
  const lang = val['descriptionLang'] as 'de' | 'zh' | 'en'
  const body: Record<string, unknown> = { name: val['name'], nameI18n, website: val['website'] || null }
  if (val['municipalityId']) body['municipalityId'] = val['municipalityId']
  body['description'] = val['description']
    ? {
        original: { lang, text: val['description'] },
        translations: LANGS.filter((l) => l !== lang && val[`translation${cap(l)}`]).map((l) => ({
          lang: l,
          text: val[`translation${cap(l)}`],
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

const INTEREST_FIELDS = [
  'formats',
  'topics',
  'direction',
  'ageMin',
  'ageMax',
  'groupMin',
  'groupMax',
  'hostingGuests',
  'lang1',
  'level1',
  'lang2',
  'level2',
  'windowStart',
  'windowEnd',
  'durationMinDays',
  'durationMaxDays',
]
const INTEREST_LABELS: Record<string, MessageKey> = Object.fromEntries(
  INTEREST_FIELDS.map((f) => [f, `field.${f}` as MessageKey]),
)

const INTEREST_STATUSES = ['open', 'paused', 'closed'] as const

/** The guided form; with `editing` it changes an existing interest (and its status) instead. */
function interestPage(v: View, inst: Institution, state: FormState, editing?: Interest): Html {
  const langOptions = LANGS.map((l) => ({ value: l, label: v.t(`langName.${l}`) }))
  const levelOptions = LEVELS.map((l) => ({ value: l, label: v.t(`level.${l}`) }))
  return page(v, {
    title: v.t(editing ? 'interest.edit.title' : 'interest.new.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { ...INTEREST_LABELS, status: 'field.interestStatus' })}
<p><a href="/institutions/${inst.id}">${instName(v, inst)}</a></p>
<p>${v.t(editing ? 'interest.edit.intro' : 'interest.intro')}</p>
<form method="post" action="${editing ? `/interests/${editing.id}/edit` : `/institutions/${inst.id}/interests/new`}" novalidate>
  ${csrfField(v)}
  ${
    editing &&
    html`<fieldset class="step"><legend>${v.t('field.interestStatus')}</legend>
    ${radios(v, state, { name: 'status', label: 'field.interestStatus', hint: 'interest.statusHint', options: [...INTEREST_STATUSES, ...(editing.status === 'full' ? (['full'] as const) : [])].map((x) => ({ value: x, label: v.t(`interestStatus.${x}`) })) })}
  </fieldset>`
  }
  <fieldset class="step"><legend>${v.t('interest.step1')}</legend>
    ${checkboxes(v, state, { name: 'formats', label: 'field.formats', hint: 'field.chooseAtLeastOne', required: true, options: FORMATS.map((f) => ({ value: f, label: v.t(`format.${f}`) })) })}
    ${radios(v, state, { name: 'direction', label: 'field.direction', required: true, options: DIRECTIONS.map((d) => ({ value: d, label: v.t(`direction.${d}`) })) })}
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step2')}</legend>
    ${checkboxes(v, state, { name: 'topics', label: 'field.topics', hint: 'field.chooseAtLeastOne', required: true, options: TOPICS.map((x) => ({ value: x, label: v.t(`topic.${x}`) })) })}
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step3')}</legend>
    <div class="pair">
      ${smallInput(v, state, { name: 'ageMin', label: 'field.ageMin', required: true })}
      ${smallInput(v, state, { name: 'ageMax', label: 'field.ageMax', required: true })}
    </div>
    <div class="pair">
      ${smallInput(v, state, { name: 'groupMin', label: 'field.groupMin', required: true })}
      ${smallInput(v, state, { name: 'groupMax', label: 'field.groupMax', required: true })}
    </div>
    ${smallInput(v, state, { name: 'hostingGuests', label: 'field.hostingGuests' })}
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step4')}</legend>
    <div class="pair">
      ${select(v, state, { name: 'lang1', label: 'field.lang1', required: true, options: langOptions })}
      ${select(v, state, { name: 'level1', label: 'field.level1', required: true, options: levelOptions })}
    </div>
    <div class="pair">
      ${select(v, state, { name: 'lang2', label: 'field.lang2', options: [{ value: '', label: '—' }, ...langOptions] })}
      ${select(v, state, { name: 'level2', label: 'field.level2', options: levelOptions })}
    </div>
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step5')}</legend>
    <div class="pair">
      ${smallInput(v, state, { name: 'windowStart', label: 'field.windowStart', hint: 'field.windowHint', type: 'date', required: true })}
      ${smallInput(v, state, { name: 'windowEnd', label: 'field.windowEnd', hint: 'field.windowHint', type: 'date', required: true })}
    </div>
    <div class="pair">
      ${smallInput(v, state, { name: 'durationMinDays', label: 'field.durationMinDays', required: true })}
      ${smallInput(v, state, { name: 'durationMaxDays', label: 'field.durationMaxDays', required: true })}
    </div>
  </fieldset>
  <button type="submit">${v.t(editing ? 'interest.save' : 'interest.submit')}</button>
</form>`,
  })
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Checks the guided form and builds the API body; errors land on the fields. */
function interestBody(state: FormState): Record<string, unknown> | null {
  const val = state.values
  const formats = (val['formats'] ?? '').split(',').filter((f) => (FORMATS as readonly string[]).includes(f))
  const topics = (val['topics'] ?? '').split(',').filter((f) => (TOPICS as readonly string[]).includes(f))
  if (formats.length === 0) state.errors['formats'] = 'field.chooseAtLeastOne'
  if (topics.length === 0) state.errors['topics'] = 'field.chooseAtLeastOne'
  if (!(DIRECTIONS as readonly string[]).includes(val['direction'] ?? ''))
    state.errors['direction'] = 'err.required'
  const n = Object.fromEntries(
    ['ageMin', 'ageMax', 'groupMin', 'groupMax', 'durationMinDays', 'durationMaxDays'].map((f) => [
      f,
      intField(state, f),
    ]),
  )
  for (const [a, b] of [
    ['ageMin', 'ageMax'],
    ['groupMin', 'groupMax'],
    ['durationMinDays', 'durationMaxDays'],
  ] as const) {
    if (n[a] !== undefined && n[b] !== undefined && n[a]! > n[b]!) state.errors[a] = 'err.range'
  }
  const hostingGuests = intField(state, 'hostingGuests', true) ?? 0
  const languages = [{ lang: val['lang1'], level: val['level1'] }]
  if (val['lang2'] && val['lang2'] !== val['lang1'])
    languages.push({ lang: val['lang2'], level: val['level2'] })
  const windows: { start: string; end: string }[] = []
  // Matching needs a period: proposals are only made where the periods of both sides overlap.
  const start = val['windowStart'] ?? ''
  const end = val['windowEnd'] ?? ''
  if (!ISO_DATE.test(start)) state.errors['windowStart'] = start ? 'err.date' : 'err.required'
  if (!ISO_DATE.test(end)) state.errors['windowEnd'] = end ? 'err.date' : 'err.required'
  if (ISO_DATE.test(start) && ISO_DATE.test(end)) {
    if (start > end) state.errors['windowStart'] = 'err.range'
    else windows.push({ start, end })
  }
  if (hasErrors(state)) return null
  return { formats, topics, direction: val['direction'], ...n, hostingGuests, languages, windows }
}

const INTEREST_API_FIELDS: Record<string, string> = {
  'languages.0.lang': 'lang1',
  'languages.0.level': 'level1',
  'languages.1.lang': 'lang2',
  'languages.1.level': 'level2',
  'windows.0.start': 'windowStart',
  'windows.0.end': 'windowEnd',
  windows: 'windowStart',
  languages: 'lang1',
}

export const institutionPages: FastifyPluginAsync = async (app) => {
  /** Loads an institution the reader may see in full, or answers with 404/403 and returns null. */
  const loadInstitution = (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) =>
    loadInstitutionById(request.view, reply, request.params.id)
  const loadInstitutionById = async (v: View, reply: FastifyReply, id: string) => {
    if (!UUID.test(id)) {
      void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      return null
    }
    const res = await v.api<Institution>('GET', `/v1/institutions/${id}`)
    if (res.ok) return res.data
    if (res.status === 404) void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    else if (res.status === 403) void messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
    else
      void messagePage(
        v,
        reply,
        'error.title',
        problemMessage(res.problem),
        res.status >= 500 ? 503 : res.status,
      )
    return null
  }

  app.get('/institutions', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const res = await v.api<{ items: Institution[] }>('GET', '/v1/institutions')
    if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
    return send(reply, listPage(v, res.data.items, noticeOf(request.query)))
  })

  app.get('/institutions/new', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    return send(reply, newInstitutionPage(request.view, emptyForm(), await loadRegions(request.view)))
  })

  app.post('/institutions/new', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const state = requireFields(emptyForm(formValues(request.body, NEW_FIELDS)), NEW_FIELDS)
    const { side, name } = state.values
    const type = parseType(state.values['type'])
    if (side && !['duren', 'jinhua'].includes(side)) state.errors['side'] = 'err.invalid'
    if (state.values['type'] && !type) state.errors['type'] = 'err.invalid'
    if (name && name.length < 2) state.errors['name'] = 'err.invalid'
    const regions = await loadRegions(v)
    if (hasErrors(state) || !type) return send(reply, newInstitutionPage(v, state, regions), 400)
    const res = await v.api<Institution>('POST', '/v1/institutions', {
      side,
      name,
      ...type,
      municipalityId: state.values['municipalityId'],
    })
    if (!res.ok) {
      applyProblem(state, res.problem, NEW_FIELDS, { kind: 'type', subtype: 'type' })
      return send(
        reply,
        newInstitutionPage(v, state, regions),
        res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
      )
    }
    return seeOther(reply, `/institutions/${res.data.id}?notice=institution-created`)
  })

  app.get<{ Params: { id: string } }>('/institutions/:id', async (request, reply) => {
    if (!requireRole(request, reply, 'any')) return reply
    const inst = await loadInstitution(request, reply)
    if (!inst) return reply
    const v = request.view
    const [members, interests] = await Promise.all([
      inst.access === 'full'
        ? v.api<{ items: Member[] }>('GET', `/v1/institutions/${inst.id}/members`)
        : null,
      v.api<{ items: Interest[] }>('GET', `/v1/institutions/${inst.id}/interests`),
    ])
    return send(
      reply,
      detailPage(
        v,
        inst,
        members?.ok ? members.data.items : [],
        interests.ok ? interests.data.items : [],
        noticeOf(request.query),
      ),
    )
  })

  app.get<{ Params: { id: string } }>('/institutions/:id/edit', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator', 'admin'])) return reply
    const inst = await loadInstitution(request, reply)
    if (!inst) return reply
    return send(
      reply,
      editPage(request.view, inst, emptyForm(editValues(inst)), await loadRegions(request.view)),
    )
  })

  app.post<{ Params: { id: string } }>('/institutions/:id/edit', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator', 'admin'])) return reply
    const inst = await loadInstitution(request, reply)
    if (!inst) return reply
    const v = request.view
    const state = requireFields(emptyForm(formValues(request.body, EDIT_FIELDS)), ['name'])
    const { website, descriptionLang } = state.values
    if (website && !/^https?:\/\/\S+$/.test(website)) state.errors['website'] = 'err.url'
    if (!(LANGS as readonly string[]).includes(descriptionLang ?? ''))
      state.errors['descriptionLang'] = 'err.invalid'
    const regions = await loadRegions(v)
    if (hasErrors(state)) return send(reply, editPage(v, inst, state, regions), 400)
    const res = await v.api('PATCH', `/v1/institutions/${inst.id}`, editBody(state))
    if (!res.ok) {
      applyProblem(state, res.problem, EDIT_FIELDS, EDIT_API_FIELDS)
      return send(
        reply,
        editPage(v, inst, state, regions),
        res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
      )
    }
    return seeOther(reply, `/institutions/${inst.id}?notice=institution-saved`)
  })

  app.get<{ Params: { id: string } }>('/institutions/:id/interests/new', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator', 'admin'])) return reply
    const inst = await loadInstitution(request, reply)
    if (!inst) return reply
    const lang = inst.side === 'jinhua' ? 'de' : 'zh'
    return send(
      reply,
      interestPage(
        request.view,
        inst,
        emptyForm({ lang1: 'en', level1: 'intermediate', lang2: lang, level2: 'basic' }),
      ),
    )
  })

  app.post<{ Params: { id: string } }>('/institutions/:id/interests/new', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator', 'admin'])) return reply
    const inst = await loadInstitution(request, reply)
    if (!inst) return reply
    const v = request.view
    const values = formValues(request.body, INTEREST_FIELDS)
    values['formats'] = formList(request.body, 'formats').join(',')
    values['topics'] = formList(request.body, 'topics').join(',')
    const state = emptyForm(values)
    const body = interestBody(state)
    if (!body) return send(reply, interestPage(v, inst, state), 400)
    const res = await v.api('POST', `/v1/institutions/${inst.id}/interests`, body)
    if (!res.ok) {
      applyProblem(state, res.problem, INTEREST_FIELDS, INTEREST_API_FIELDS)
      return send(
        reply,
        interestPage(v, inst, state),
        res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
      )
    }
    return seeOther(reply, `/institutions/${inst.id}?notice=interest-created`)
  })

  /** The interest and its institution, or an error page (null). */
  const loadInterest = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
  ): Promise<{ inst: Institution; interest: Interest } | null> => {
    const v = request.view
    if (!UUID.test(request.params.id)) {
      void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      return null
    }
    const res = await v.api<Interest>('GET', `/v1/interests/${request.params.id}`)
    if (!res.ok) {
      if (res.status === 404) void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      else if (res.status === 403) void messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
      else void messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
      return null
    }
    const inst = await loadInstitutionById(v, reply, res.data.institutionId)
    return inst ? { inst, interest: res.data } : null
  }

  app.get<{ Params: { id: string } }>('/interests/:id/edit', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator', 'admin'])) return reply
    const found = await loadInterest(request, reply)
    if (!found) return reply
    return send(
      reply,
      interestPage(request.view, found.inst, emptyForm(interestValues(found.interest)), found.interest),
    )
  })

  app.post<{ Params: { id: string } }>('/interests/:id/edit', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator', 'admin'])) return reply
    const found = await loadInterest(request, reply)
    if (!found) return reply
    const { inst, interest } = found
    const v = request.view
    const values = formValues(request.body, [...INTEREST_FIELDS, 'status'])
    values['formats'] = formList(request.body, 'formats').join(',')
    values['topics'] = formList(request.body, 'topics').join(',')
    const state = emptyForm(values)
    const status = values['status'] || interest.status
    if (!([...INTEREST_STATUSES, 'full'] as string[]).includes(status)) state.errors['status'] = 'err.invalid'
    const body = interestBody(state)
    if (!body || hasErrors(state)) return send(reply, interestPage(v, inst, state, interest), 400)
    const res = await v.api('PATCH', `/v1/interests/${interest.id}`, { ...body, status })
    if (!res.ok) {
      applyProblem(state, res.problem, [...INTEREST_FIELDS, 'status'], INTEREST_API_FIELDS)
      return send(
        reply,
        interestPage(v, inst, state, interest),
        res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
      )
    }
    return seeOther(reply, `/institutions/${inst.id}?notice=interest-saved#interest-${interest.id}`)
  })
}

/** The form's values for an existing interest. */
function interestValues(i: Interest): Record<string, string> {
  const [l1, l2] = i.languages
  const w = i.windows[0]
  return {
    formats: i.formats.join(','),
    topics: i.topics.join(','),
    direction: i.direction,
    ageMin: String(i.ageMin),
    ageMax: String(i.ageMax),
    groupMin: String(i.groupMin),
    groupMax: String(i.groupMax),
    hostingGuests: String(i.hostingGuests ?? 0),
    lang1: l1?.lang ?? 'en',
    level1: l1?.level ?? 'intermediate',
    lang2: l2?.lang ?? '',
    level2: l2?.level ?? 'basic',
    windowStart: w?.start ?? '',
    windowEnd: w?.end ?? '',
    durationMinDays: String(i.durationMinDays),
    durationMaxDays: String(i.durationMaxDays),
    status: i.status,
  }
}
