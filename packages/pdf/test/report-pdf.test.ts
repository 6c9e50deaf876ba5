import t from 'tap'
import { renderReportPdf } from '../src/index.js'
import { flatText } from './pdf-text.js'

async function text(pdf: Buffer) {
  const r = await flatText(pdf)
  t.ok(r.allA4, 'A4')
  return r
}

const base = {
  title: '交流活动总结报告',
  subtitle: '金华第一中学关于与Gymnasium am Wirteltor交流活动的报告',
  meta: [
    { label: '报告机构', value: '金华第一中学' },
    { label: '资助项目／档案号', value: '' },
  ],
  footer: '本报告不含任何学生个人数据。',
  createdAt: '2027-05-20T08:00:00Z',
}

t.test('a report in Chinese: facts, sections and footer extractable', async (t) => {
  const pdf = await renderReportPdf({
    ...base,
    lang: 'zh',
    sections: [
      { heading: '参与者', lines: ['15-17岁青少年：9', '随行成人：2'] },
      { heading: '需要改进之处', lines: ['更多时间用于联合项目'] },
    ],
  })
  t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  const r = await text(pdf)
  for (const s of [
    '交流活动总结报告',
    '金华第一中学',
    '15-17岁青少年：9',
    '更多时间用于联合项目',
    '本报告不含任何学生个人数据。',
  ])
    t.ok(r.text.includes(s.replace(/\s+/g, '')), s)
})

t.test('a long report flows onto further pages, each with its footer', async (t) => {
  const lines = Array.from({ length: 120 }, (_, i) => `Zeile ${i + 1}: Projektarbeit zum Thema Wasserstoff`)
  const r = await text(
    await renderReportPdf({ ...base, lang: 'de', sections: [{ heading: 'Programm', lines }] }),
  )
  t.ok(r.pages >= 2, `${r.pages} pages`)
  t.ok(r.text.includes('Zeile120:'))
  t.equal(r.text.split('本报告不含任何学生个人数据。').length - 1, r.pages, 'a footer per page')
})
