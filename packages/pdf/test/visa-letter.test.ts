import t from 'tap'
import { A4, renderVisaLetterPdf, type VisaLetterVersionText } from '../src/index.js'
import { extract, squash } from './pdf-text.js'

const CREATED = '2027-02-01T08:00:00Z'
const traveller = (i: number) => [
  String(i + 1),
  i === 0 ? 'Müller' : `Family${i}`,
  i === 0 ? 'Anna' : `Given${i}`,
  '女',
  '2010年5月3日',
  'deutsch',
  `C${String(i).padStart(8, '0')}`,
]

/** The shape visaLetter (@dj/exchange) gives, written out: zh first, then en. */
function version(lang: 'zh' | 'en', rows: number): VisaLetterVersionText {
  const zh = lang === 'zh'
  return {
    lang,
    label: zh ? '中文版本' : 'English version',
    note: zh ? '以本中文版本为准。' : 'Translation; the Chinese version prevails.',
    title: zh ? '邀请函' : 'Letter of Invitation',
    placeDate: zh ? '金华，2027年2月1日' : 'Jinhua, 1 Feb 2027',
    recipient: zh
      ? '中华人民共和国驻德意志联邦共和国大使馆或总领事馆签证处：'
      : 'To the Embassy … – Visa Section',
    subject: zh
      ? '事由：邀请Gymnasium am Wirteltor2人来访交流（F字签证）'
      : 'Subject: Invitation (category F visa)',
    salutation: zh ? '尊敬的签证官：' : 'Dear Sir or Madam,',
    paragraphs: [
      zh ? '入境日期：2027年4月10日；离境日期：2027年4月20日（共11天）。' : 'Arrival on 10 Apr 2027.',
    ],
    programme: { heading: zh ? '日程安排（概要）' : 'Programme (summary)', lines: ['2027-04-11: Lessons'] },
    travellers: {
      heading: zh ? '被邀请人名单' : 'Invitees',
      columns: zh
        ? ['序号', '姓', '名', '性别', '出生日期', '国籍', '护照号码']
        : ['No.', 'Family name', 'Given name(s)', 'Sex', 'Date of birth', 'Nationality', 'Passport no.'],
      rows: Array.from({ length: rows }, (_, i) => traveller(i)),
    },
    request: zh
      ? '恳请贵馆为上述被邀请人办理一次入境F字签证为盼。'
      : 'We kindly ask you to issue a category F visa.',
    host: {
      heading: zh ? '邀请单位信息' : 'Inviting institution',
      lines: [zh ? '名称：金华第一中学' : 'Name: Jinhua No. 1 High School (金华第一中学)'],
    },
    closing: zh ? '此致敬礼' : 'Yours faithfully',
    signature: zh
      ? ['法定代表人或授权人签字', '姓名及职务：李校长，校长', '单位公章', '地点、日期']
      : [
          'Signature of the legal representative or an authorised person',
          'Official seal or stamp of the institution',
        ],
  }
}
const letter = (rows: number) => ({
  letterhead: {
    names: ['金华第一中学', 'Jinhua No. 1 High School'],
    lines: ['浙江省金华市婺城区八一北街1号'],
  },
  versions: [version('zh', rows), version('en', rows)],
})

t.test('A4, the Chinese version then the English one, each from a new page, text extractable', async (t) => {
  const pdf = await renderVisaLetterPdf({ letter: letter(2), createdAt: CREATED })
  t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  const { pages, title } = await extract(pdf)
  t.equal(pages.length, 2, 'one page per language for a small group')
  for (const p of pages) t.same(p.view, [0, 0, A4.width, A4.height])
  const [zh, en] = pages.map((p) => squash(p.text))
  for (const s of ['金华第一中学', '邀请函', '被邀请人名单', '护照号码', '单位公章', '李校长', '中文版本'])
    t.ok(zh!.includes(squash(s)), `zh page: ${s}`)
  for (const s of [
    'Letter of Invitation',
    'Passport no.',
    'Official seal',
    'English version',
    'Jinhua No. 1',
  ])
    t.ok(en!.includes(squash(s)), `en page: ${s}`)
  for (const s of ['Müller', 'Anna', 'C00000000', 'C00000001', '2010年5月3日']) {
    t.ok(zh!.includes(s), `the traveller's ${s} in the zh table`)
    t.ok(en!.includes(s), `and in the en table`)
  }
  t.match(title, /邀请函 \/ Letter of Invitation – 金华第一中学/)
  t.notMatch(title, /Müller|C0000/, 'no traveller in the document title')
})

t.test('30 travellers: the table continues on the next page under its header', async (t) => {
  const pdf = await renderVisaLetterPdf({ letter: letter(30), createdAt: CREATED })
  const { pages } = await extract(pdf)
  t.ok(pages.length >= 4, `${pages.length} pages`)
  const text = squash(pages.map((p) => p.text).join(''))
  t.ok(text.includes('C00000029'), 'the last traveller is printed')
  const headers = pages.filter((p) => p.text.includes('护照号码')).length
  t.ok(headers >= 2, 'the zh header repeats on the continued page')
})

t.test('equal input, equal bytes', async (t) => {
  const a = await renderVisaLetterPdf({ letter: letter(3), createdAt: CREATED })
  const b = await renderVisaLetterPdf({ letter: letter(3), createdAt: CREATED })
  t.ok(a.equals(b))
})
