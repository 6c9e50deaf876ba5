import type { App } from '@dj/api'
import { bearer, json } from './api.js'

export function nextYear(monthDay: string): string {
  return `${new Date().getUTCFullYear() + 1}-${monthDay}`
}

export const durenSchool = (name: string, extra: Record<string, unknown> = {}) => ({
  side: 'duren',
  name,
  kind: 'school',
  subtype: 'gymnasium',
  municipalityId: 'dn-dueren',
  size: 800,
  languages: [
    { lang: 'de', level: 'native', use: 'used' },
    { lang: 'zh', level: 'basic', use: 'taught' },
  ],
  description: {
    original: { lang: 'de', text: `${name}: ein Gymnasium mit Chinesisch-AG und Schüleraustausch.` },
    translations: [{ lang: 'zh', text: '一所开设中文课程的文理中学。', machine: true }],
  },
  contact: { name: 'Anna Schmitz', role: 'Austauschkoordinatorin', email: 'anna@example.org' },
  contactConsent: true,
  ...extra,
})

export const jinhuaSchool = (name: string, extra: Record<string, unknown> = {}) => ({
  side: 'jinhua',
  name,
  nameI18n: { en: 'Jinhua No. 1 Middle School' },
  kind: 'school',
  subtype: 'senior_high',
  municipalityId: 'jh-wucheng',
  size: 2400,
  languages: [
    { lang: 'zh', level: 'native', use: 'used' },
    { lang: 'en', level: 'intermediate', use: 'taught' },
  ],
  description: { original: { lang: 'zh', text: `${name}是一所历史悠久的高级中学。` }, translations: [] },
  contact: { name: '王老师', role: '国际交流', email: 'wang@example.cn' },
  contactConsent: true,
  ...extra,
})

export const interestBody = (extra: Record<string, unknown> = {}) => ({
  formats: ['pupil_exchange_hosting', 'virtual_exchange'],
  topics: ['education', 'culture'],
  tags: ['chinesisch'],
  ageMin: 14,
  ageMax: 17,
  groupMin: 8,
  groupMax: 16,
  languages: [{ lang: 'en', level: 'intermediate' }],
  windows: [{ start: nextYear('04-01'), end: nextYear('04-20') }],
  durationMinDays: 7,
  durationMaxDays: 14,
  direction: 'both',
  hostingGuests: 12,
  hostFamilies: 10,
  maxPartners: 2,
  ...extra,
})

export async function createInstitution(app: App, token: string, body: object): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/institutions',
    payload: body,
    headers: bearer(token),
  })
  if (res.statusCode !== 201) throw new Error(`create institution failed: ${res.body}`)
  return json<{ id: string }>(res).id
}

export async function createInterest(app: App, token: string, institutionId: string, body = interestBody()) {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/institutions/${institutionId}/interests`,
    payload: body,
    headers: bearer(token),
  })
  if (res.statusCode !== 201) throw new Error(`create interest failed: ${res.body}`)
  return json<{ id: string }>(res).id
}

export async function officerAct(app: App, token: string, id: string, action: string, reason?: string) {
  return app.inject({
    method: 'POST',
    url: `/v1/officer/institutions/${id}/${action}`,
    payload: reason ? { reason } : {},
    headers: bearer(token),
  })
}
