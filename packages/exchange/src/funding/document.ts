import { formatDateRange, formatNumber } from '@dj/intl'
import type { Locale, VisitDirection } from '@dj/vocabulary'
import type { BudgetEstimate } from './budget.js'
import { BUDGET_WORDS, budgetItemName } from './csv.js'
import type { FundingProgramme } from './programme.js'

/**
 * The budget estimate as a document to print (the shape @dj/pdf's renderBudgetPdf lays out):
 * every word and number already in the reader's language, so the PDF module only draws.
 */
export interface BudgetDocument {
  lang: 'de' | 'en' | 'zh'
  title: string
  subtitle: string
  meta: { label: string; value: string }[]
  header: [string, string, string, string, string]
  rows: [string, string, string, string, string][]
  total: { label: string; value: string }
  notes: string[]
  footer: string
  createdAt: string
}

interface DocWords {
  title: (programme: string) => string
  direction: Record<VisitDirection, string>
  funder: string
  source: string
  lastChecked: string
  distance: (km: string) => string
  travellers: string
  days: string
  missingDays: string
  noLines: string
  footer: string
}

const DE: DocWords = {
  title: (p) => `Kostenschätzung: ${p}`,
  direction: { duren_to_jinhua: 'Düren → Jinhua', jinhua_to_duren: 'Jinhua → Düren' },
  funder: 'Förderer',
  source: 'Quelle',
  lastChecked: 'Zuletzt geprüft',
  distance: (km) => `Entfernung (Luftlinie Düren – Jinhua): ${km} km`,
  travellers: 'Geförderte Reisende',
  days: 'Tage',
  missingDays: 'Die Reisedaten fehlen noch: Posten pro Tag sind nicht berechnet.',
  noLines: 'Für dieses Programm sind keine Fördersätze hinterlegt.',
  footer:
    'Schätzung nach den Fördersätzen im Katalog der Austauschplattform Düren–Jinhua; keine Förderzusage. ' +
    'Maßgeblich sind die Richtlinien des Förderers.',
}

const WORDS: Record<Locale, DocWords> = {
  de: DE,
  'de-simple': {
    ...DE,
    title: (p) => `So viel Geld gibt es vielleicht: ${p}`,
    funder: 'Wer gibt das Geld',
    travellers: 'Reisende mit Geld vom Programm',
    missingDays: 'Die Reise-Tage fehlen noch. Darum fehlt das Geld pro Tag.',
    noLines: 'Für dieses Programm wissen wir keine Beträge.',
    footer: 'Das ist nur eine Schätzung. Das Programm entscheidet selbst.',
  },
  en: {
    title: (p) => `Budget estimate: ${p}`,
    direction: DE.direction,
    funder: 'Funder',
    source: 'Source',
    lastChecked: 'Last checked',
    distance: (km) => `Distance (great circle Düren – Jinhua): ${km} km`,
    travellers: 'Funded travellers',
    days: 'Days',
    missingDays: 'The travel dates are missing: lines per day are not calculated.',
    noLines: 'The catalogue holds no rates for this programme.',
    footer:
      'Estimate by the rates in the catalogue of the Düren–Jinhua exchange platform; not a funding ' +
      'commitment. The funder’s guidelines decide.',
  },
  zh: {
    title: (p) => `预算估算：${p}`,
    direction: { duren_to_jinhua: '迪伦 → 金华', jinhua_to_duren: '金华 → 迪伦' },
    funder: '资助方',
    source: '来源',
    lastChecked: '最近核对',
    distance: (km) => `距离（迪伦—金华大圆距离）：${km} 公里`,
    travellers: '受资助人数',
    days: '天数',
    missingDays: '尚缺出行日期：按天计算的项目未计入。',
    noLines: '目录中没有该项目的资助标准。',
    footer: '按迪伦—金华交流平台目录中的资助标准估算，不构成资助承诺，以资助方规定为准。',
  },
}

export function budgetDocument(
  estimate: BudgetEstimate,
  programme: FundingProgramme,
  trip: { direction: VisitDirection; outbound: string; return: string },
  locale: Locale,
  createdAt: string,
): BudgetDocument {
  const w = WORDS[locale]
  const words = BUDGET_WORDS[locale]
  const lang = locale === 'de-simple' ? 'de' : locale
  const euros = (n: number) => formatNumber(locale, n, 2)
  const notes = [w.distance(formatNumber(locale, estimate.distanceKm))]
  if (estimate.missing.includes('days')) notes.push(w.missingDays)
  if (estimate.lines.length === 0) notes.push(w.noLines)
  return {
    lang,
    title: w.title(programme.name[lang]),
    subtitle: `${w.direction[trip.direction]}, ${formatDateRange(locale, trip.outbound, trip.return)}`,
    meta: [
      { label: w.funder, value: programme.funder },
      { label: w.source, value: programme.sourceUrl },
      { label: w.lastChecked, value: programme.lastChecked },
      { label: w.travellers, value: formatNumber(locale, estimate.persons) },
      { label: w.days, value: estimate.days === null ? '–' : formatNumber(locale, estimate.days) },
    ],
    header: words.header,
    rows: estimate.lines.map((l) => [
      budgetItemName(l, locale),
      formatNumber(locale, l.quantity),
      words.units[l.unit],
      euros(l.unitRate),
      euros(l.amount),
    ]),
    total: { label: words.total, value: euros(estimate.total) },
    notes,
    footer: w.footer,
    createdAt,
  }
}
