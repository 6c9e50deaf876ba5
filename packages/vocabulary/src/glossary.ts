/**
 * The bilingual glossary of the agreement's fields and of common school and vocational terms
 * (issue 14, item 5): partner search expands a query through it, so a German word also finds the
 * Chinese (and English) ways of writing it and vice versa. This is the shipped seed; the offices
 * keep the live copy in the database (glossary_entries), seeded from this list once.
 *
 * The first term of each language is the preferred one (shown as "found via 氢能 (Wasserstoff)");
 * the others are variants. Terms are written as people type them; the search normalises them.
 */
import type { Language } from './index.js'

export interface GlossaryTerms {
  de: readonly string[]
  zh: readonly string[]
  en: readonly string[]
}

export interface GlossaryEntry extends GlossaryTerms {
  /** Stable key (seed rows are matched on it). */
  key: string
}

export const GLOSSARY_LANGUAGES = ['de', 'zh', 'en'] as const satisfies readonly Language[]
export type GlossaryLanguage = (typeof GLOSSARY_LANGUAGES)[number]

const e = (key: string, de: string[], zh: string[], en: string[]): GlossaryEntry => ({ key, de, zh, en })

export const GLOSSARY: readonly GlossaryEntry[] = [
  // Topics of the agreement
  e('hydrogen', ['Wasserstoff'], ['氢能', '氢'], ['hydrogen']),
  e('energy', ['Energie'], ['能源'], ['energy']),
  e('energy-transition', ['Energiewende'], ['能源转型'], ['energy transition']),
  e(
    'renewable-energy',
    ['erneuerbare Energien', 'neue Energien'],
    ['新能源', '可再生能源'],
    ['renewable energy'],
  ),
  e('solar', ['Solarenergie', 'Photovoltaik'], ['太阳能', '光伏'], ['solar energy', 'photovoltaics']),
  e('environment', ['Umwelt', 'Umweltschutz'], ['环境', '环保'], ['environment']),
  e('climate', ['Klimaschutz', 'Klima'], ['气候保护', '气候'], ['climate protection']),
  e('education', ['Bildung'], ['教育'], ['education']),
  e('science', ['Wissenschaft', 'Forschung'], ['科学', '科研'], ['science', 'research']),
  e('economy', ['Wirtschaft'], ['经济'], ['economy']),
  e('culture', ['Kultur'], ['文化'], ['culture']),
  e('sport', ['Sport'], ['体育', '运动'], ['sport', 'sports']),
  e('social', ['Soziales', 'gesellschaftlicher Austausch'], ['社会交流', '社会'], ['social exchange']),
  e(
    'vocational-training',
    ['Ausbildung', 'Berufsausbildung', 'duale Ausbildung'],
    ['职业培训', '职业教育'],
    ['vocational training', 'apprenticeship'],
  ),
  e('technology', ['Technik', 'Technologie'], ['技术', '科技'], ['technology']),
  e(
    'digital',
    ['Digitalisierung', 'Informatik'],
    ['数字化', '信息技术'],
    ['digitalisation', 'computer science'],
  ),
  e('mechanical-engineering', ['Maschinenbau'], ['机械制造', '机械'], ['mechanical engineering']),
  e(
    'electrical',
    ['Elektrotechnik', 'Elektronik'],
    ['电气技术', '电子'],
    ['electrical engineering', 'electronics'],
  ),
  e('automotive', ['Automobil', 'Kfz-Technik'], ['汽车'], ['automotive']),
  e('textiles', ['Textil'], ['纺织'], ['textiles']),
  e('paper', ['Papier', 'Papierindustrie'], ['造纸'], ['paper industry']),
  e('craft', ['Handwerk'], ['手工业', '手工艺'], ['crafts', 'trades']),
  e('agriculture', ['Landwirtschaft'], ['农业'], ['agriculture']),
  e('health-care', ['Pflege', 'Gesundheit'], ['护理', '健康'], ['nursing', 'health care']),
  e('tourism', ['Tourismus'], ['旅游'], ['tourism']),
  e('trade', ['Handel'], ['商贸', '贸易'], ['trade', 'commerce']),
  // Formats
  e('exchange', ['Austausch', 'Schüleraustausch'], ['交流', '学生交流'], ['exchange', 'pupil exchange']),
  e(
    'partnership',
    ['Partnerschaft', 'Schulpartnerschaft'],
    ['伙伴关系', '友好学校'],
    ['partnership', 'school partnership'],
  ),
  e('host-family', ['Gastfamilie'], ['寄宿家庭'], ['host family']),
  e('group-visit', ['Gruppenbesuch', 'Besuch'], ['团组访问', '访问'], ['group visit']),
  e('internship', ['Praktikum', 'Auslandspraktikum'], ['实习'], ['internship', 'placement']),
  e(
    'staff-exchange',
    ['Fachkräfteaustausch', 'Lehreraustausch'],
    ['教师交流', '人员交流'],
    ['staff exchange'],
  ),
  e('joint-project', ['gemeinsames Projekt', 'Projekt'], ['合作项目', '项目'], ['joint project', 'project']),
  e(
    'virtual-exchange',
    ['virtueller Austausch', 'Videokonferenz'],
    ['线上交流', '视频会议'],
    ['virtual exchange'],
  ),
  e('club-encounter', ['Vereinsbegegnung', 'Begegnung'], ['俱乐部交流'], ['club encounter']),
  e('language-course', ['Sprachkurs', 'Chinesischunterricht'], ['语言课程', '中文课'], ['language course']),
  // Institution kinds and school types
  e('school', ['Schule'], ['学校'], ['school']),
  e('primary-school', ['Grundschule'], ['小学'], ['primary school']),
  e('gymnasium', ['Gymnasium'], ['文理中学', '高中', '中学'], ['grammar school', 'high school']),
  e('senior-high', ['Oberstufe', 'Oberschule'], ['高级中学', '高中'], ['senior high school']),
  e('junior-middle', ['Sekundarstufe I', 'Mittelschule'], ['初级中学', '初中'], ['junior middle school']),
  e('realschule', ['Realschule'], ['实科中学'], ['secondary modern school']),
  e('gesamtschule', ['Gesamtschule'], ['综合中学'], ['comprehensive school']),
  e('hauptschule', ['Hauptschule'], ['普通中学'], ['lower secondary school']),
  e('special-school', ['Förderschule'], ['特殊教育学校'], ['special needs school']),
  e(
    'vocational-school',
    ['Berufsschule', 'Berufskolleg', 'Berufsfachschule'],
    ['职业学校', '职业技术学校', '职业技术学院', '职业学院', '职业高级中学'],
    ['vocational school', 'vocational college'],
  ),
  e('university', ['Hochschule', 'Universität', 'Fachhochschule'], ['大学', '学院'], ['university']),
  e('adult-education', ['Volkshochschule', 'Weiterbildung'], ['成人教育'], ['adult education']),
  e('music-school', ['Musikschule'], ['音乐学校'], ['music school']),
  e(
    'training-company',
    ['Ausbildungsbetrieb', 'Unternehmen', 'Firma'],
    ['企业', '公司'],
    ['training company', 'company'],
  ),
  e('chamber', ['Kammer', 'IHK', 'Handwerkskammer'], ['商会', '工商会'], ['chamber of commerce']),
  e('club', ['Verein'], ['协会', '俱乐部'], ['club', 'association']),
  e('sports-club', ['Sportverein'], ['体育俱乐部', '体育协会'], ['sports club']),
  e('youth-centre', ['Jugendzentrum', 'Jugendtreff'], ['青少年中心', '青少年宫'], ['youth centre']),
  e('library', ['Bibliothek', 'Bücherei'], ['图书馆'], ['library']),
  e(
    'public-body',
    ['Behörde', 'Verwaltung', 'Bildungsamt'],
    ['教育局', '政府'],
    ['public authority', 'education bureau'],
  ),
  // People
  e('pupils', ['Schüler', 'Schülerinnen'], ['学生'], ['pupils', 'students']),
  e('teacher', ['Lehrer', 'Lehrkraft'], ['教师', '老师'], ['teacher']),
  e('apprentice', ['Auszubildende', 'Azubi'], ['学徒'], ['apprentice', 'trainee']),
  e('youth', ['Jugend', 'Jugendliche'], ['青少年', '青年'], ['youth', 'young people']),
  // Sport, music and arts
  e('football', ['Fußball'], ['足球'], ['football', 'soccer']),
  e('basketball', ['Basketball'], ['篮球'], ['basketball']),
  e('table-tennis', ['Tischtennis'], ['乒乓球'], ['table tennis']),
  e('badminton', ['Badminton'], ['羽毛球'], ['badminton']),
  e('swimming', ['Schwimmen'], ['游泳'], ['swimming']),
  e('athletics', ['Leichtathletik'], ['田径'], ['athletics']),
  e('volleyball', ['Volleyball'], ['排球'], ['volleyball']),
  e('handball', ['Handball'], ['手球'], ['handball']),
  e('judo', ['Judo'], ['柔道'], ['judo']),
  e('martial-arts', ['Kampfsport', 'Wushu', 'Kung-Fu'], ['武术'], ['martial arts', 'wushu']),
  e('music', ['Musik'], ['音乐'], ['music']),
  e('choir', ['Chor'], ['合唱团', '合唱'], ['choir']),
  e('orchestra', ['Orchester', 'Blasorchester'], ['乐团', '管乐团'], ['orchestra', 'band']),
  e('art', ['Kunst'], ['艺术', '美术'], ['art', 'arts']),
  e('theatre', ['Theater'], ['剧社', '戏剧'], ['theatre']),
  e('calligraphy', ['Kalligrafie'], ['书法'], ['calligraphy']),
  e('scouts', ['Pfadfinder'], ['童子军'], ['scouts']),
]

/**
 * The query normalisation of the registry search, in TypeScript: the same steps as the database's
 * dj_search_norm (lower case, umlauts folded, spaces, punctuation and Chinese punctuation collapsed
 * to one space) plus the btrim the search applies, so a term matches here exactly as it does there.
 */
export function searchNorm(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replace(/[\s!-/:-@[-`{-~，。、；：？！“”（）《》·]+/gu, ' ')
    .trim()
}

export interface GlossaryTerm {
  term: string
  language: GlossaryLanguage
}

/** Every term of an entry with its language, the preferred ones first. */
export function termsOf(entry: GlossaryTerms): GlossaryTerm[] {
  return GLOSSARY_LANGUAGES.flatMap((language) => entry[language].map((term) => ({ term, language })))
}

/** At most this many extra terms join a query, so the expanded search stays one small statement. */
export const MAX_EXPANSION = 8

/**
 * The terms a query is expanded by: the other terms of every entry one of whose terms the query is
 * (after normalisation). Terms that normalise like the query, or like a term already taken, are
 * left out; the preferred terms of each language come first, then the variants.
 */
export function expandQuery(entries: readonly GlossaryTerms[], query: string): GlossaryTerm[] {
  const q = searchNorm(query)
  if (q.length === 0) return []
  const hits = entries.filter((entry) => termsOf(entry).some((t) => searchNorm(t.term) === q))
  const seen = new Set([q])
  const out: GlossaryTerm[] = []
  const preferred = hits.flatMap((entry) =>
    GLOSSARY_LANGUAGES.flatMap((language) => entry[language].slice(0, 1).map((term) => ({ term, language }))),
  )
  const variants = hits.flatMap((entry) =>
    GLOSSARY_LANGUAGES.flatMap((language) => entry[language].slice(1).map((term) => ({ term, language }))),
  )
  for (const t of [...preferred, ...variants]) {
    const n = searchNorm(t.term)
    if (n.length === 0 || seen.has(n)) continue
    seen.add(n)
    out.push(t)
    if (out.length === MAX_EXPANSION) break
  }
  return out
}

/** The entry's preferred term in a language (the first), for labels like "氢能 (Wasserstoff)". */
export const preferredTerm = (entry: GlossaryTerms, language: GlossaryLanguage): string | undefined =>
  entry[language][0]
