import { type AgreementFields, draftAgreement, type PartnershipSummary } from '../src/index.js'

/** A Düren Gymnasium and a Jinhua middle school, matched on a pupil exchange. */
export const PARTNERSHIP: PartnershipSummary = {
  duren: {
    id: 'inst-duren',
    kind: 'school',
    name: { de: 'Gymnasium am Wirteltor', zh: '维特尔托尔文理中学' },
    address: { de: 'Wirteltorplatz 1, 52349 Düren' },
    coordinator: { name: 'Anna Becker', email: 'becker@gymnasium.example' },
  },
  jinhua: {
    id: 'inst-jinhua',
    kind: 'school',
    name: { zh: '金华市第一中学', en: 'Jinhua No. 1 Middle School' },
    address: { zh: '浙江省金华市婺城区八一南街1号' },
    coordinator: { name: '王芳', email: 'wang@school.example' },
  },
  interests: {
    duren: {
      formats: ['pupil_exchange_hosting', 'group_visit'],
      topics: ['culture', 'energy_hydrogen', 'sport'],
      windows: [
        { start: '2027-03-01', end: '2027-03-20' },
        { start: '2027-09-01', end: '2027-09-30' },
      ],
      ageMin: 14,
      ageMax: 16,
      groupMin: 10,
      groupMax: 18,
      languages: ['de', 'en'],
      direction: 'both',
      hostFamilies: 15,
    },
    jinhua: {
      formats: ['pupil_exchange_hosting'],
      topics: ['culture', 'science', 'energy_hydrogen'],
      windows: [{ start: '2027-03-10', end: '2027-04-05' }],
      ageMin: 15,
      ageMax: 17,
      groupMin: 8,
      groupMax: 12,
      languages: ['zh', 'en'],
      direction: 'both',
    },
  },
}

/** The draft with what the coordinators add before they submit it: names, addresses, the head of school. */
export function completeFields(): AgreementFields {
  const f = draftAgreement(PARTNERSHIP)
  f.parties.duren.name.zh = '维特尔托尔文理中学'
  f.parties.jinhua.name.de = 'Erste Mittelschule Jinhua'
  f.parties.duren.responsible.unshift({ name: 'Dr. Klaus Wagner', role: 'head', adult: true })
  f.parties.jinhua.responsible.unshift({ name: '李明', role: 'head', adult: true })
  f.purpose.aims = {
    de: 'Gemeinsames Projekt zur Wasserstoffwirtschaft in beiden Städten.',
    zh: '围绕两市氢能经济开展联合项目。',
  }
  return f
}

export const clone = <T>(value: T): T => structuredClone(value)
