import t from 'tap'
import { apply, createAgreement, renderSignatureBlock, type Signer } from '../src/index.js'
import { completeFields } from './fixtures.js'

t.test(
  'the signature block: places in order, who signed when in their zone, the hash in the footer',
  async (t) => {
    const created = createAgreement(completeFields(), {
      countersign: true,
      secondSigner: { duren: true, jinhua: false },
    })
    if (!created.ok) throw new Error('not created')
    let s = created.state
    const submitted = apply(s, { type: 'submit', hash: s.hash, by: 'u', at: '2027-01-10T08:00:00Z' })
    if (!submitted.ok) throw new Error('not submitted')
    s = submitted.state
    const wang: Signer = {
      userId: 'u-wang',
      name: '王芳',
      role: 'coordinator',
      side: 'jinhua',
      capacity: 'institution',
      institutionId: 'inst-jinhua',
    }
    const signed = apply(s, { type: 'sign', hash: s.hash, signer: wang, at: '2027-01-10T08:00:00Z' })
    if (!signed.ok) throw new Error('not signed')
    const block = renderSignatureBlock(signed.state, ['de', 'zh'])
    t.equal(block.hash, s.hash)
    t.same(
      block.lines.map((l) => l.slot),
      ['duren.first', 'duren.second', 'jinhua.first', 'duren.officer', 'jinhua.officer'],
    )
    t.same(block.lines[1]?.columns, [
      {
        lang: 'de',
        label: 'Für Gymnasium am Wirteltor (zweite Unterschrift)',
        text: 'noch nicht unterzeichnet',
      },
      { lang: 'zh', label: '代表维特尔托尔文理中学（第二签字人）', text: '尚未签字' },
    ])
    // The signer's own zone (Jinhua: 08:00 UTC is 16:00); the zone's name comes from the runtime's ICU.
    t.match(block.lines[2]?.columns, [
      {
        lang: 'de',
        label: 'Für Erste Mittelschule Jinhua',
        text: /^王芳, Koordination, unterzeichnet am 10\.01\.2027, 16:00 \S/,
      },
      {
        lang: 'zh',
        label: '代表金华市第一中学',
        text: '王芳，协调人，签署日期：2027年1月10日 16:00（北京时间）',
      },
    ])
    t.equal(block.lines[2]?.signature?.versionHash, s.hash)
    t.same(
      block.lines[3]?.columns.map((c) => c.label),
      ['Gegenzeichnung der zuständigen Stelle in Düren', '迪伦方主管部门会签'],
    )
    t.same(
      block.status.map((x) => x.text),
      ['Bereit zur Unterschrift', '待签字'],
    )
    t.match(block.footer[0]?.text, `Version ${s.hash} — vergleichen Sie`)
    t.match(block.footer[1]?.text, `版本 ${s.hash}`)
    t.same(
      block.versionLine.map((x) => x.text),
      [`Version ${s.hash}`, `版本 ${s.hash}`],
    )
  },
)
