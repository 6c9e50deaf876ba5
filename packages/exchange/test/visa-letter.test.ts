import type { AgreementFields } from '@dj/agreement'
import t from 'tap'
import { draftTripPlan, hostFromAgreement, planFacts, visaLetter } from '../src/index.js'
import { toChina, toGermany } from './visa-fixtures.js'

const all = (v: ReturnType<typeof visaLetter>['versions'][number]) =>
  [
    v.title,
    v.placeDate,
    v.recipient,
    v.subject,
    ...v.paragraphs,
    ...v.programme.lines,
    ...v.travellers.rows.flat(),
    v.request,
    ...v.host.lines,
    ...v.signature,
  ].join('\n')

t.test(
  'a German group to China: the Chinese host invites in Chinese, then English, for an F visa',
  async (t) => {
    const letter = visaLetter(toChina)
    t.equal(letter.visa, 'cn_f')
    t.same(letter.languages, ['zh', 'en'])
    t.same(
      letter.versions.map((v) => v.lang),
      ['zh', 'en'],
    )
    const [zh, en] = letter.versions
    t.equal(zh!.title, '邀请函')
    t.match(zh!.recipient, /中华人民共和国驻德意志联邦共和国/)
    t.match(zh!.subject, /F字签证/)
    t.match(en!.subject, /category F visa/)
    // The elements the Chinese missions require.
    const z = all(zh!)
    t.match(z, /金华第一中学/, 'inviting institution')
    t.match(z, /浙江省金华市婺城区八一北街1号/, 'its address')
    t.match(z, /\+86 579 1234567/, 'its phone')
    t.match(z, /2027年4月10日/, 'arrival')
    t.match(z, /2027年4月20日/, 'departure')
    t.match(z, /共11天/)
    t.match(z, /金华、Hangzhou|金华和Hangzhou/, 'places to visit')
    t.match(z, /伙伴关系/, 'relationship')
    t.match(z, /由被邀请人或维尔特尔门文理中学（Gymnasium am Wirteltor）承担/, 'who bears the costs')
    t.match(z, /单位公章/, 'stamp')
    t.match(z, /法定代表人或授权人签字/, 'signature')
    t.match(z, /李校长，校长/)
    t.notMatch(z, /Verpflichtungserklärung|申根/, 'no Schengen wording in a Chinese letter')
    // The invitees with what the letter must give of each.
    t.same(zh!.travellers.rows[0], ['1', 'Müller', 'Anna', '女', '2010年5月3日', 'deutsch', 'C01X00T47'])
    t.same(en!.travellers.rows[1], ['2', 'Schmitz', 'Jonas', '–', '30 Nov 1980', '–', 'C4J8K2L9M'])
    t.equal(zh!.travellers.columns.length, 7)
    // A day without items is left out; the summary keeps the order of the days.
    t.same(en!.programme.lines, ['11 Apr 2027: Welcome ceremony; Lessons'])
    t.match(all(en!), /Jinhua No\. 1 High School \(金华第一中学\)/, 'the English name with the original')
    t.match(en!.note, /Chinese version prevails/)
    t.same(letter.letterhead.names, ['金华第一中学', 'Jinhua No. 1 High School'])
  },
)

t.test(
  'a Chinese group to Germany: the German host invites in German, then English, for a Schengen C visa',
  async (t) => {
    const letter = visaLetter(toGermany)
    t.equal(letter.visa, 'schengen_c')
    t.same(letter.languages, ['de', 'en'])
    const [de, en] = letter.versions
    t.equal(de!.title, 'Einladungsschreiben')
    t.match(de!.recipient, /Bundesrepublik Deutschland in der Volksrepublik China/)
    const d = all(de!)
    t.match(d, /Zehnthofstraße 1, 52349 Düren/)
    t.match(d, /austausch@gym-dueren\.de/)
    t.match(d, /Schulbesuch und gemeinsames Wasserstoff-Projekt/, 'the purpose in the coordinators’ words')
    t.match(d, /01\.06\.2027/)
    t.match(d, /05\.06\.2027/)
    t.match(d, /Düren und Köln/, 'the host city first, each place once')
    t.match(d, /Jugendherberge Düren/)
    t.match(
      d,
      /keine förmliche Verpflichtungserklärung nach den Paragrafen 66 bis 68 des Aufenthaltsgesetzes/,
    )
    t.match(d, /30\.000 €/)
    t.match(d, /Name und Funktion \(in Druckbuchstaben\)/, 'no signatory given: a blank line to fill in')
    t.match(d, /Jinhua, Provinz Zhejiang/)
    t.match(all(en!), /not a formal declaration of commitment/)
    t.same(de!.travellers.rows[0], ['1', 'ZHANG', 'WEI', 'männlich', '15.01.2009', '–', 'EA1234567'])
    t.match(de!.note, /Maßgeblich ist diese Fassung/)
  },
)

t.test('the standard purpose when the plan has none, and the count in the subject', async (t) => {
  const letter = visaLetter({ ...toGermany, purpose: '  ', programme: [] })
  const [de] = letter.versions
  t.match(de!.paragraphs[1]!, /nichtkommerzieller Schul- und Jugendaustausch/)
  t.match(de!.subject, /1 Person von/)
  t.same(de!.programme.lines.length, 1)
  t.match(visaLetter(toChina).versions[1]!.subject, /2 persons/)
})

t.test('pure: equal input gives an equal letter', async (t) => {
  t.same(visaLetter(toChina), visaLetter(structuredClone(toChina)))
})

t.test('the plan’s facts: dates, purpose, programme by day with places, lodging', async (t) => {
  const plan = draftTripPlan({
    startDate: '2027-04-10',
    endDate: '2027-04-20',
    direction: 'duren_to_jinhua',
    groupSize: 12,
  })
  t.same(planFacts(plan), {
    arrival: '2027-04-10',
    departure: '2027-04-20',
    purpose: null,
    programme: [],
    accommodation: { kind: 'open', place: null },
  })
  const filled = {
    ...plan,
    purpose: ' Hydrogen project ',
    accommodation: { hostFamilies: 8, hostel: { name: 'Youth hostel' } },
    programme: [
      { date: '2027-04-12', items: [{ title: 'Museum', place: 'Yiwu' }] },
      { date: '2027-04-11', items: [{ title: 'Lessons', time: '08:00' }] },
    ],
  }
  const facts = planFacts(filled)
  t.equal(facts.purpose, 'Hydrogen project')
  t.same(facts.accommodation, { kind: 'mixed', place: 'Youth hostel' })
  t.same(facts.programme, [
    { date: '2027-04-11', items: ['Lessons'] },
    { date: '2027-04-12', items: ['Museum (Yiwu)'] },
  ])
  t.same(planFacts({ ...plan, accommodation: { hostFamilies: 5 } }).accommodation, {
    kind: 'host_families',
    place: null,
  })
  t.same(
    planFacts({ ...plan, accommodation: { hostFamilies: 0, hotel: { name: 'Hotel X' } } }).accommodation,
    {
      kind: 'hotel',
      place: 'Hotel X',
    },
  )
})

t.test('the host from its agreement: names, address in both scripts, contact, who signs', async (t) => {
  const party = (name: Record<string, string>, address: Record<string, string>) => ({
    institutionId: 'x',
    name,
    address,
    responsible: [{ name: '李明', role: 'head', adult: true }],
    contacts: [{ name: '王芳', role: 'coordinator', adult: true, email: 'wf@jh.cn', phone: '+86 579 1' }],
  })
  const fields = {
    parties: {
      duren: party({ de: 'Gymnasium am Wirteltor' }, {}),
      jinhua: party(
        { zh: '金华第一中学', en: 'Jinhua No. 1' },
        { zh: '金华市八一北街1号', en: '1 Bayi North St, Jinhua' },
      ),
    },
  } as unknown as AgreementFields
  const host = hostFromAgreement(fields, 'jinhua', '金华第一中学')
  t.same(host.name, { original: '金华第一中学', zh: '金华第一中学', en: 'Jinhua No. 1' })
  const letter = visaLetter({ ...toChina, host })
  const [zh, en] = letter.versions
  t.equal(zh!.host.lines[0], '名称：金华第一中学；地址：金华市八一北街1号')
  t.equal(en!.host.lines[0], 'Name: Jinhua No. 1 (金华第一中学); Address: 1 Bayi North St, Jinhua')
  t.equal(zh!.host.lines[1], '联系人：王芳（协调人）；电话：+86 579 1；电子邮箱：wf@jh.cn')
  t.ok(en!.signature.includes('Name and position: 李明, head of institution'))
  t.same(letter.letterhead.lines, ['金华市八一北街1号', '1 Bayi North St, Jinhua', '+86 579 1 · wf@jh.cn'])
  const bare = hostFromAgreement(fields, 'duren', 'Gymnasium am Wirteltor')
  t.equal(bare.address, null)
  t.match(visaLetter({ ...toGermany, host: bare }).versions[0]!.host.lines[0]!, /Anschrift: \(noch offen\)/)
})
