import {
  expandQuery,
  GLOSSARY,
  GLOSSARY_LANGUAGES,
  type GlossaryLanguage,
  glossarySeedSql,
  MAX_EXPANSION,
  searchNorm,
  termsOf,
} from '@dj/vocabulary'
import t from 'tap'
import { generateDemoPopulation } from '../src/index.js'

// The shipped search glossary (issue 14, item 5), entry by entry: every term normalises as the
// registry search normalises (dj_search_norm + btrim), and a query in one language, expanded
// through the glossary, finds a demo-like text written in the other. Kept beside the demo
// generator because "demo-like" is its style of names and descriptions.

/** What the search's SQL does: the normalised term is a substring of the normalised document. */
const finds = (document: string, term: string) => searchNorm(document).includes(searchNorm(term))

/** A description in the demo generator's style, naming the term in its language. */
const demoLike: Record<GlossaryLanguage, (term: string) => string> = {
  zh: (term) => `金东区柳城中学位于金东区，现有学生1259名，希望在“${term}”方面开展合作。`,
  de: (term) => `Gymnasium am Wirteltor, Düren (850 Schülerinnen und Schüler) sucht Partner für ${term}.`,
  en: (term) => `Jindong Liucheng Middle School (1259 pupils) looks for partners in ${term}.`,
}

const pop = generateDemoPopulation({ seed: 42, scale: 1, baseYear: 2027 })
const demoDocs = pop.institutions.map((i) =>
  searchNorm(
    [
      i.name,
      ...Object.values(i.nameI18n ?? {}),
      i.description?.original.text ?? '',
      ...(i.description?.translations ?? []).map((x) => x.text),
    ].join(' '),
  ),
)

t.test('the glossary has at least 60 entries with unique keys and preferred terms', async (t) => {
  t.ok(GLOSSARY.length >= 60, `${GLOSSARY.length} entries`)
  t.equal(new Set(GLOSSARY.map((e) => e.key)).size, GLOSSARY.length)
  for (const language of GLOSSARY_LANGUAGES)
    t.equal(
      new Set(GLOSSARY.map((e) => searchNorm(e[language][0]!))).size,
      GLOSSARY.length,
      `${language} preferred terms unique`,
    )
})

for (const entry of GLOSSARY) {
  t.test(`entry ${entry.key}`, async (t) => {
    for (const { term, language } of termsOf(entry)) {
      const n = searchNorm(term)
      t.ok(n.length > 0, `${term} normalises to something`)
      t.equal(searchNorm(n), n, `${term}: normalising twice changes nothing`)
      t.equal(n, n.trim(), `${term}: no outer spaces`)
      const expansion = expandQuery(GLOSSARY, term)
      t.ok(expansion.length <= MAX_EXPANSION)
      for (const other of GLOSSARY_LANGUAGES) {
        if (other === language) continue
        const text = demoLike[other](entry[other][0]!)
        t.ok(
          finds(text, term) || expansion.some((x) => finds(text, x.term)),
          `${language} "${term}" finds the ${other} text naming ${entry[other][0]}`,
        )
      }
    }
  })
}

t.test('most entries find something in the demo population itself', async (t) => {
  const found = GLOSSARY.filter((e) =>
    termsOf(e).some(({ term }) => demoDocs.some((d) => d.includes(searchNorm(term)))),
  )
  t.ok(found.length >= 45, `${found.length} of ${GLOSSARY.length} entries occur in the demo population`)
  for (const key of ['hydrogen', 'vocational-school', 'gymnasium', 'primary-school', 'football', 'music'])
    t.ok(
      found.some((e) => e.key === key),
      `${key} occurs`,
    )
})

t.test('Wasserstoff expands to 氢能 first; Berufsschule to the Chinese vocational terms', async (t) => {
  t.same(expandQuery(GLOSSARY, 'wasserstoff')[0], { term: '氢能', language: 'zh' })
  const vocational = expandQuery(GLOSSARY, 'Berufsschule').map((x) => x.term)
  t.ok(vocational.includes('职业学校'))
  t.ok(vocational.includes('职业技术学院'))
  t.same(expandQuery(GLOSSARY, 'kein Glossarwort'), [])
  t.same(expandQuery(GLOSSARY, '  '), [])
})

t.test('the seed SQL inserts every entry once, idempotently, with quotes doubled', async (t) => {
  const sql = glossarySeedSql([...GLOSSARY, { key: "o'k", de: ["Kunst'"], zh: ['艺术'], en: ['art'] }])
  t.equal(sql.match(/INSERT INTO "glossary_entries"/g)?.length, GLOSSARY.length + 1)
  t.match(sql, /ON CONFLICT \("seed_key"\) DO NOTHING/)
  t.match(sql, /'o''k', ARRAY\['Kunst'''\]::text\[\]/)
})
