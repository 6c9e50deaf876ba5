import {
  type AgreementFields,
  type AgreementState,
  apply,
  createAgreement,
  draftAgreement,
  type Signer,
  type Transition,
} from '@dj/agreement'

/** A Düren Gymnasium and a Jinhua middle school with a complete agreement. */
export function fields(): AgreementFields {
  const f = draftAgreement({
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
      name: { zh: '金华市第一中学', de: 'Erste Mittelschule Jinhua', en: 'Jinhua No. 1 Middle School' },
      address: { zh: '浙江省金华市婺城区八一南街1号' },
      coordinator: { name: '王芳', email: 'wang@school.example' },
    },
    interests: {
      duren: {
        formats: ['pupil_exchange_hosting'],
        topics: ['culture', 'energy_hydrogen'],
        windows: [{ start: '2027-03-10', end: '2027-03-20' }],
        ageMin: 14,
        ageMax: 16,
        groupMin: 10,
        groupMax: 18,
        languages: ['de', 'en'],
        direction: 'both',
        hostFamilies: 15,
      },
    },
  })
  f.parties.duren.responsible.unshift({ name: 'Dr. Klaus Wagner', role: 'head', adult: true })
  f.parties.jinhua.responsible.unshift({ name: '李明', role: 'head', adult: true })
  return f
}

const must = (tr: Transition): AgreementState => {
  if (!tr.ok) throw new Error(JSON.stringify(tr.error))
  return tr.state
}

export const BECKER: Signer = {
  userId: 'u-becker',
  name: 'Anna Becker',
  role: 'coordinator',
  side: 'duren',
  capacity: 'institution',
  institutionId: 'inst-duren',
}
export const WANG: Signer = {
  userId: 'u-wang',
  name: '王芳',
  role: 'coordinator',
  side: 'jinhua',
  capacity: 'institution',
  institutionId: 'inst-jinhua',
}

/** Submitted and signed by both coordinators; the officers still countersign. */
export function signedState(f: AgreementFields = fields()): AgreementState {
  let s = must(createAgreement(f, { countersign: true, secondSigner: { duren: false, jinhua: false } }))
  s = must(apply(s, { type: 'submit', hash: s.hash, by: 'u-becker', at: '2027-01-10T08:00:00Z' }))
  s = must(apply(s, { type: 'sign', hash: s.hash, signer: BECKER, at: '2027-01-11T09:30:00Z' }))
  return must(apply(s, { type: 'sign', hash: s.hash, signer: WANG, at: '2027-01-12T02:15:00Z' }))
}
