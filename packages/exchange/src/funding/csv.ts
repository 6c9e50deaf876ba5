import type { Locale } from '@dj/vocabulary'
import type { BudgetEstimate, BudgetItem, BudgetLine, BudgetUnit } from './budget.js'

/**
 * The budget as a spreadsheet for the application (RFC 4180: CRLF, fields quoted when they hold the
 * separator, a quote or a line break). German spreadsheet programs read `;` as the list separator
 * because the comma is their decimal mark, so German files use `;` and decimal commas; English and
 * Chinese ones `,` and decimal points. The UTF-8 byte order mark makes Excel read umlauts and Chinese
 * as UTF-8 instead of the system code page.
 */

export interface BudgetWords {
  header: [string, string, string, string, string]
  items: Record<BudgetItem, string>
  units: Record<BudgetUnit, string>
  total: string
}

const DE: BudgetWords = {
  header: ['Posten', 'Menge', 'Einheit', 'Satz (EUR)', 'Betrag (EUR)'],
  items: {
    per_person_day: 'Programmkosten pro Person und Tag',
    staff_per_person_day: 'Fachkräfte pro Person und Tag',
    travel_km: 'Reisekosten nach Entfernung',
    interpreter_day: 'Sprachmittlung pro Tag',
    visa: 'Visa (höchstens)',
    lump_sum: 'Pauschale (höchstens)',
  },
  units: {
    person_day: 'Personentage',
    person_km: 'Personen-km',
    day: 'Tage',
    person: 'Personen',
    once: 'einmal',
  },
  total: 'Summe',
}

/** The budget's words per locale (the CSV's and the PDF's table). */
export const BUDGET_WORDS: Record<Locale, BudgetWords> = {
  de: DE,
  'de-simple': {
    header: ['Was', 'Wie viel', 'Einheit', 'Geld pro Einheit (EUR)', 'Geld (EUR)'],
    items: {
      per_person_day: 'Programm: Geld pro Person und Tag',
      staff_per_person_day: 'Fach-Leute: Geld pro Person und Tag',
      travel_km: 'Reise: Geld pro Kilometer',
      interpreter_day: 'Dolmetscher: Geld pro Tag',
      visa: 'Visum: höchstens',
      lump_sum: 'Fester Betrag: höchstens',
    },
    units: DE.units,
    total: 'Zusammen',
  },
  en: {
    header: ['Item', 'Quantity', 'Unit', 'Rate (EUR)', 'Amount (EUR)'],
    items: {
      per_person_day: 'Programme costs per person and day',
      staff_per_person_day: 'Staff per person and day',
      travel_km: 'Travel by distance',
      interpreter_day: 'Interpreting per day',
      visa: 'Visas (at most)',
      lump_sum: 'Lump sum (at most)',
    },
    units: {
      person_day: 'person-days',
      person_km: 'person-km',
      day: 'days',
      person: 'persons',
      once: 'once',
    },
    total: 'Total',
  },
  zh: {
    header: ['项目', '数量', '单位', '标准（欧元）', '金额（欧元）'],
    items: {
      per_person_day: '每人每天活动费用',
      staff_per_person_day: '专业人员每人每天',
      travel_km: '按距离计算的旅费',
      interpreter_day: '每天翻译费',
      visa: '签证（最高）',
      lump_sum: '定额资助（最高）',
    },
    units: { person_day: '人·天', person_km: '人·公里', day: '天', person: '人', once: '一次' },
    total: '合计',
  },
}

const decimalComma = (locale: Locale) => locale === 'de' || locale === 'de-simple'

function field(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

function number(value: number, locale: Locale, fractionDigits: number): string {
  const text = value.toFixed(fractionDigits)
  return decimalComma(locale) ? text.replace('.', ',') : text
}

/** A line's name in the reader's words; a lump sum adds the programme's own name for it. */
export function budgetItemName(l: BudgetLine, locale: Locale): string {
  const words = BUDGET_WORDS[locale]
  return l.label
    ? `${words.items[l.item]}: ${l.label[locale === 'de-simple' ? 'de' : locale]}`
    : words.items[l.item]
}

export function budgetCsv(estimate: BudgetEstimate, locale: Locale): string {
  const words = BUDGET_WORDS[locale]
  const separator = decimalComma(locale) ? ';' : ','
  const rows: string[][] = [words.header]
  for (const l of estimate.lines) {
    rows.push([
      budgetItemName(l, locale),
      number(l.quantity, locale, 0),
      words.units[l.unit],
      number(l.unitRate, locale, 2),
      number(l.amount, locale, 2),
    ])
  }
  rows.push([words.total, '', '', '', number(estimate.total, locale, 2)])
  return `\uFEFF${rows.map((r) => r.map((v) => field(v, separator)).join(separator)).join('\r\n')}\r\n`
}
