import t from 'tap'
import { renderBudgetPdf } from '../src/index.js'
import { flatText } from './pdf-text.js'

async function text(pdf: Buffer) {
  const r = await flatText(pdf)
  t.ok(r.allA4, 'A4')
  return r
}

const base = {
  header: ['项目', '数量', '单位', '标准（欧元）', '金额（欧元）'] as const,
  meta: [{ label: '距离', value: '8,988 公里' }],
  footer: '估算，不构成资助承诺。',
  createdAt: '2027-01-10T08:00:00Z',
}

t.test('a budget in Chinese: title, rows, total, notes and footer are extractable', async (t) => {
  const pdf = await renderBudgetPdf({
    ...base,
    lang: 'zh',
    title: '预算估算：联邦儿童与青年计划（KJP）中国专项',
    subtitle: '迪伦 → 金华，2027年5月3日至12日',
    rows: [
      ['按距离计算的旅费', '125,832', '人·公里', '0.08', '10,066.56'],
      ['签证（最高）', '14', '人', '150.00', '2,100.00'],
    ],
    total: { label: '合计', value: '12,166.56' },
    notes: ['按大圆距离计算。'],
  })
  t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  const r = await text(pdf)
  t.equal(r.pages, 1)
  for (const s of [
    '预算估算',
    '按距离计算的旅费',
    '10,066.56',
    '合计',
    '12,166.56',
    '按大圆距离计算。',
    '估算，不构成资助承诺。',
  ])
    t.ok(r.text.includes(s), s)
})

t.test('many rows flow onto a second page with its footer', async (t) => {
  const rows = Array.from(
    { length: 80 },
    (_, i) => [`Posten ${i + 1}`, '1', 'einmal', '1,00', '1,00'] as const,
  )
  const r = await text(
    await renderBudgetPdf({
      ...base,
      lang: 'de',
      title: 'Kostenschätzung',
      subtitle: 'Test',
      header: ['Posten', 'Menge', 'Einheit', 'Satz (EUR)', 'Betrag (EUR)'],
      rows,
      total: { label: 'Summe', value: '80,00' },
      notes: [],
    }),
  )
  t.ok(r.pages >= 2, `${r.pages} pages`)
  t.ok(r.text.includes('Posten80'))
  t.equal(r.text.split('估算，不构成资助承诺。').length - 1, r.pages, 'a footer per page')
})
