import { renderAgreement, renderSignatureBlock, SOURCES } from '@dj/agreement'
import t from 'tap'
import { A4, agreementPdf, fontBytes, renderAgreementPdf } from '../src/index.js'
import { fields, signedState } from './fixtures.js'
import { extract, squash } from './pdf-text.js'

const CREATED = '2027-01-12T03:00:00Z'

t.test(
  'German and Chinese clauses side by side, names, dates and hash extractable from the bytes',
  async (t) => {
    const state = signedState()
    const pdf = await renderAgreementPdf({
      sections: renderAgreement(state.fields, ['de', 'zh']),
      signatures: renderSignatureBlock(state, ['de', 'zh']),
      createdAt: CREATED,
    })
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
    const { pages } = await extract(pdf)
    t.ok(pages.length >= 2, `${pages.length} pages`)
    for (const p of pages) t.same(p.view, [0, 0, A4.width, A4.height], 'A4, 595.28 × 841.89 pt')
    const text = squash(pages.map((p) => p.text).join(''))
    for (const clause of [
      SOURCES.de['dataProtection.no_pupil_data.v1'],
      SOURCES.zh['dataProtection.no_pupil_data.v1'],
      'Der Austausch ist für die Zeit vom 10.03.2027 bis zum 20.03.2027 geplant.',
      '交流计划于2027年3月10日至2027年3月20日进行。',
      '§ 10 Laufzeit und Kündigung',
      '第十条 有效期与终止',
    ])
      t.ok(text.includes(squash(clause)), `finds: ${clause.slice(0, 40)}…`)
    for (const name of [
      'Gymnasium am Wirteltor',
      '金华市第一中学',
      'Anna Becker',
      '王芳',
      'Dr. Klaus Wagner',
      '李明',
    ])
      t.ok(text.includes(squash(name)), `finds the name ${name}`)
    t.ok(text.includes('unterzeichnetam11.01.2027,10:30'), 'Becker’s signature, in Düren’s time')
    t.ok(text.includes('签署日期：2027年1月12日10:15'), 'Wang’s signature, in Beijing time')
    t.ok(text.includes('nochnichtunterzeichnet'), 'the officers’ places are open')
    t.ok(text.includes(`Version${state.hash}`), 'the version hash')
    const footer = squash(
      `Version ${state.hash} — vergleichen Sie diesen Wert mit dem Hash auf der Vereinbarungsseite`,
    )
    for (const [i, p] of pages.entries())
      t.ok(squash(p.text).includes(footer), `the verification line on page ${i + 1}`)
    t.notOk(text.includes('Anna Becker-'), 'no planted text')
  },
)

t.test('the font is embedded as a subset: one TrueType font file, a small PDF', async (t) => {
  const state = signedState()
  const pdf = await renderAgreementPdf({
    sections: renderAgreement(state.fields),
    signatures: renderSignatureBlock(state, ['de', 'zh']),
    createdAt: CREATED,
  })
  const raw = pdf.toString('latin1')
  const names = [...raw.matchAll(/\/BaseFont \/([A-Z]{6})\+(\S+)/g)].map((m) => m[2])
  t.ok(
    names.length > 0 && names.every((n) => n === 'NotoSansSC-Regular'),
    `subset-tagged: ${[...new Set(names)]}`,
  )
  t.equal([...raw.matchAll(/\/FontFile2 /g)].length, 1, 'one embedded TrueType font program')
  t.notMatch(
    raw,
    /\/BaseFont \/(Helvetica|Times|Courier)/,
    'no standard font: everything in the embedded one',
  )
  t.ok(
    pdf.length < fontBytes().length / 20,
    `${pdf.length} bytes against a ${fontBytes().length}-byte font file`,
  )
})

t.test('English as a third column', async (t) => {
  const state = signedState()
  const langs = ['de', 'zh', 'en'] as const
  const pdf = await renderAgreementPdf({
    sections: renderAgreement(state.fields, langs),
    signatures: renderSignatureBlock(state, langs),
    createdAt: CREATED,
  })
  const text = squash((await extract(pdf)).pages.map((p) => p.text).join(''))
  t.ok(text.includes(squash(SOURCES.en['dataProtection.no_pupil_data.v1'])))
  t.ok(text.includes(squash('compare with the hash shown on the platform’s agreement page')))
  t.ok(text.includes(squash(SOURCES.zh['dataProtection.no_pupil_data.v1'])))
})

t.test('a text taller than a page is split over pages at sentence ends, not cut', async (t) => {
  const f = fields()
  const deSentence = 'Die Schülerinnen und Schüler erkunden gemeinsam die Wasserstoffwirtschaft.'
  const zhSentence = '学生们共同探索两座城市的氢能经济并交流各自的学习成果。'
  f.purpose.aims = { de: Array(26).fill(deSentence).join(' '), zh: zhSentence.repeat(70) }
  const state = signedState(f)
  const pdf = await renderAgreementPdf({
    sections: renderAgreement(state.fields),
    signatures: renderSignatureBlock(state, ['de', 'zh']),
    createdAt: CREATED,
  })
  const { pages } = await extract(pdf)
  t.ok(pages.length >= 4, `${pages.length} pages`)
  const text = squash(pages.map((p) => p.text).join(''))
  const count = (s: string) => text.split(squash(s)).length - 1
  t.equal(count(zhSentence), 70, 'every Chinese sentence, whole')
  t.equal(count(deSentence), 26, 'every German sentence, whole')
})

t.test('equal input gives equal bytes (the creation date is passed in)', async (t) => {
  const state = signedState()
  const input = {
    sections: renderAgreement(state.fields),
    signatures: renderSignatureBlock(state, ['de', 'zh']),
    createdAt: CREATED,
  }
  const [a, b, c] = await Promise.all([
    renderAgreementPdf(input),
    renderAgreementPdf(input),
    agreementPdf(state, { createdAt: CREATED }),
  ])
  t.ok(a.equals(b))
  t.ok(c.equals(a), 'agreementPdf(state) is the same document, German | Chinese by default')
  const other = await agreementPdf(state, { createdAt: '2027-01-13T00:00:00Z' })
  t.notOk(other.equals(a), 'the creation date is in the document')
})
