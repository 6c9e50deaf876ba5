import { createI18n, type Params } from '@dj/i18n'
import { formatDate, formatDateRange } from '@dj/intl'
import de from '../../catalogs/de/report.json' with { type: 'json' }
import en from '../../catalogs/en/report.json' with { type: 'json' }
import zh from '../../catalogs/zh/report.json' with { type: 'json' }
import { aimText, type ReportAim } from './aims.js'
import { participantTotal, REPORT_BANDS, type ReportFields } from './fields.js'

/** The printed report's languages (a funder reads German, English or Chinese; no Einfache Sprache). */
export type ReportLanguage = 'de' | 'en' | 'zh'

export type ReportKey = keyof typeof de & string

/** The catalogs as written; a key missing in zh or en fails the typecheck. */
export const REPORT_SOURCES: Record<ReportLanguage, Record<ReportKey, string>> = { de, en, zh }

const i18n = createI18n<ReportKey>(REPORT_SOURCES)
export const reportText = (lang: ReportLanguage, key: ReportKey, params?: Params): string =>
  i18n.translate(lang, key, params)

export interface ReportDocumentInput {
  status: 'open' | 'filed'
  institution: string
  partner: string
  visit: { title: string; startDate: string; endDate: string }
  fields: ReportFields
  aims: readonly ReportAim[]
  /** The trip plan's programme in short, if there was one. */
  programme: readonly { date: string; titles: readonly string[] }[]
  /** When it was filed (ISO instant), null for a draft. */
  filedAt: string | null
  /** The visit's zone: the filing day is the day there. */
  timeZone: string
  /**
   * The funding programmes the trip plan's checklist names, in the document's language; none: a
   * line is left blank for the funder's name and reference.
   */
  programmes?: readonly string[]
}

/** A document as the PDF lays it out: a title block, labelled facts, then headed sections of lines. */
export interface ReportDocument {
  title: string
  subtitle: string
  meta: { label: string; value: string }[]
  sections: { heading: string; lines: string[] }[]
  footer: string
}

const dayIn = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  )

/**
 * The report as a funder's narrative report (Sachbericht) in one language: who, when, with whom,
 * the participants as counts, the programme, the activities, the outcomes against each aim of the
 * agreement, the rating and what to improve. No personal data: the fields hold none.
 */
export function reportDocument(lang: ReportLanguage, r: ReportDocumentInput): ReportDocument {
  const t = (key: ReportKey, params?: Params) => reportText(lang, key, params)
  const f = r.fields
  const none = t('none')
  const participants = [
    ...REPORT_BANDS.filter((b) => (f.participants.bands[b] ?? 0) > 0).map((b) =>
      t('participants.band', { band: b, count: f.participants.bands[b] ?? 0 }),
    ),
    t('participants.total', { count: participantTotal(f.participants) }),
    t('participants.adults', { count: f.participants.accompanyingAdults ?? none }),
    ...(f.days ? [t('participants.days', { days: f.days })] : []),
  ]
  const activities = [
    ...f.activities.chosen.map((a) => t(`activity.${a}` as ReportKey)),
    ...(f.activities.other ? [t('activities.other', { text: f.activities.other })] : []),
  ]
  const outcomes = r.aims.flatMap((aim) => {
    const o = f.outcomes.find((x) => x.aim === aim.key)
    const line = t('outcome.line', {
      aim: aimText(aim, lang) ?? t('outcome.whole'),
      rating: o?.rating ?? 'none',
    })
    return o?.comment ? [line, t('outcome.comment', { text: o.comment })] : [line]
  })
  const sections: ReportDocument['sections'] = [{ heading: t('section.participants'), lines: participants }]
  if (r.programme.length > 0)
    sections.push({
      heading: t('section.programme'),
      lines: r.programme.map((d) => `${formatDate(lang, d.date)}: ${d.titles.join(' · ') || none}`),
    })
  sections.push(
    { heading: t('section.activities'), lines: activities.length > 0 ? activities : [none] },
    { heading: t('section.outcomes'), lines: outcomes },
    {
      heading: t('section.rating'),
      lines: [
        t('rating.overall', { rating: f.rating ?? none }),
        t('rating.repeat', { answer: f.wouldRepeat ?? 'none' }),
      ],
    },
    { heading: t('section.improve'), lines: [f.improve ?? none] },
  )
  return {
    title: t('title'),
    subtitle: t('subtitle', { institution: r.institution, partner: r.partner }),
    meta: [
      { label: t('meta.institution'), value: r.institution },
      { label: t('meta.partner'), value: r.partner },
      { label: t('meta.visit'), value: r.visit.title },
      { label: t('meta.dates'), value: formatDateRange(lang, r.visit.startDate, r.visit.endDate) },
      { label: t('meta.programme'), value: (r.programmes ?? []).join(', ') },
      {
        label: t('meta.status'),
        value: r.filedAt
          ? t('meta.filed', { date: formatDate(lang, dayIn(r.filedAt, r.timeZone)) })
          : t('meta.draft'),
      },
    ],
    sections,
    footer: t('footer'),
  }
}
