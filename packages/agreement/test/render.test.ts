import t from 'tap'
import {
  changedSections,
  draftAgreement,
  renderAgreement,
  SECTION_IDS,
  SOURCES,
  sectionOf,
} from '../src/index.js'
import { completeFields, PARTNERSHIP } from './fixtures.js'

const all = (sections: ReturnType<typeof renderAgreement>, lang: string) =>
  sections
    .flatMap((s) => s.columns.filter((c) => c.lang === lang))
    .flatMap((c) => [c.heading, ...c.paragraphs])
    .join('\n')

t.test('sections in order, German and Chinese side by side by default', async (t) => {
  const sections = renderAgreement(completeFields())
  t.same(
    sections.map((s) => s.id),
    [...SECTION_IDS],
  )
  for (const s of sections)
    t.same(
      s.columns.map((c) => c.lang),
      ['de', 'zh'],
      s.id,
    )
  const parties = sections.find((s) => s.id === 'parties')
  t.same(parties?.columns[0]?.paragraphs, [
    'Partei in Düren: Gymnasium am Wirteltor, Wirteltorplatz 1, 52349 Düren.',
    'Verantwortlich: Dr. Klaus Wagner (Schulleitung) und Anna Becker (Koordination).',
    'Partei in Jinhua: Erste Mittelschule Jinhua (金华市第一中学), 浙江省金华市婺城区八一南街1号.',
    'Verantwortlich: 李明 (Schulleitung) und 王芳 (Koordination).',
  ])
  t.same(parties?.columns[1]?.paragraphs, [
    '迪伦方：维特尔托尔文理中学（Gymnasium am Wirteltor），地址：Wirteltorplatz 1, 52349 Düren。',
    '负责人：Dr. Klaus Wagner（校长）和Anna Becker（协调人）。',
    '金华方：金华市第一中学，地址：浙江省金华市婺城区八一南街1号。',
    '负责人：李明（校长）和王芳（协调人）。',
  ])
})

t.test('the clauses are filled from the fields in each language', async (t) => {
  const sections = renderAgreement(completeFields())
  const de = all(sections, 'de')
  const zh = all(sections, 'zh')
  t.match(de, 'Der Austausch ist für die Zeit vom 10.03.2027 bis zum 20.03.2027 geplant.')
  t.match(zh, '交流计划于2027年3月10日至2027年3月20日进行。')
  t.match(de, 'Inhaltliche Schwerpunkte: Kultur und Energie und Wasserstoff.')
  t.match(zh, '交流的重点主题：文化和能源与氢能。')
  t.match(
    de,
    'Gymnasium am Wirteltor: 18 Schülerinnen und Schüler im Alter von 14 bis 16 Jahren, dazu 2 erwachsene Begleitpersonen.',
  )
  t.match(zh, '金华市第一中学：15至17岁的学生12名，另有成年陪同人员2名。')
  t.match(de, 'Beide Parteien nehmen wechselseitig die Gäste der anderen auf.')
  t.match(de, 'Reisekosten: jede Partei für ihre eigenen Teilnehmenden.')
  t.match(de, 'Unterkunft: die aufnehmende Partei.')
  t.match(de, 'Gemeinsames Projekt zur Wasserstoffwirtschaft in beiden Städten.')
  t.match(zh, '围绕两市氢能经济开展联合项目。')
  t.match(de, 'Diese Vereinbarung ist auf Deutsch und Chinesisch abgefasst')
  t.match(de, 'Gymnasium am Wirteltor: Anna Becker, Koordination, becker@gymnasium.example')
  t.match(de, 'mit einer Frist von 90 Tagen')
  t.match(de, 'gilt bis zum 20.03.2028')
  t.match(de, SOURCES.de['dataProtection.no_pupil_data.v1'])
  t.match(zh, SOURCES.zh['dataProtection.no_pupil_data.v1'])
  for (const text of [de, zh]) t.notMatch(text, /[{}]/, 'no placeholder left unfilled')
})

t.test('English as a third column, or paired with Chinese', async (t) => {
  const three = renderAgreement(completeFields(), ['de', 'zh', 'en'])
  t.same(
    three[0]?.columns.map((c) => c.lang),
    ['de', 'zh', 'en'],
  )
  const en = all(three, 'en')
  t.match(en, 'This agreement is made in German, Chinese and English')
  t.match(en, 'Jinhua No. 1 Middle School', 'a name written in English is used in the English column')
  t.match(en, '18 pupils aged 14 to 16, with 2 accompanying adults')
  const pair = renderAgreement(completeFields(), ['zh', 'en'])
  t.same(
    pair[0]?.columns.map((c) => c.lang),
    ['zh', 'en'],
  )
  t.throws(() => renderAgreement(completeFields(), []))
  t.throws(() => renderAgreement(completeFields(), ['de', 'de']))
})

t.test('a fresh draft renders with open places marked, not blanks', async (t) => {
  const f = draftAgreement({ ...PARTNERSHIP, interests: {} })
  const sections = renderAgreement(f)
  const de = all(sections, 'de')
  t.match(de, 'Der Austausch ist für die Zeit vom (noch offen) bis zum (noch offen) geplant.')
  t.match(de, 'Die Parteien vereinbaren einen Austausch in folgender Form: (noch offen).')
  t.match(de, 'keine Teilnehmenden')
  t.match(all(sections, 'zh'), '（待定）')
  t.notMatch(de, /[{}]/)
})

t.test('which sections an edit touched, with their headings, in document order', async (t) => {
  const paths = [
    'term.noticeDays',
    'parties.jinhua.contacts.0.email',
    'period.end',
    'parties.duren.name.zh',
    'languages',
  ]
  t.same(
    changedSections(paths, 'de').map((s) => s.heading),
    [
      '§ 1 Vertragsparteien',
      '§ 4 Geplanter Zeitraum',
      '§ 7 Sprache',
      '§ 8 Ansprechpersonen',
      '§ 10 Laufzeit und Kündigung',
    ],
  )
  t.same(changedSections(['groups.duren.bands.0.count'], 'zh'), [
    { id: 'groups', heading: '第五条 参与人员' },
  ])
  t.equal(sectionOf('dataProtection'), 'dataProtection')
})
