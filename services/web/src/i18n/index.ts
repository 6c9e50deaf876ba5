import {
  areas,
  createI18n,
  isLocale,
  LANG_TAG,
  LOCALES,
  type Locale,
  negotiate as negotiateLocale,
  type Params,
} from '@dj/i18n'
import deAccount from './catalogs/de/account.json' with { type: 'json' }
import deAgreement from './catalogs/de/agreement.json' with { type: 'json' }
import deCommon from './catalogs/de/common.json' with { type: 'json' }
import deForms from './catalogs/de/forms.json' with { type: 'json' }
import deFunding from './catalogs/de/funding.json' with { type: 'json' }
import deGlossary from './catalogs/de/glossary.json' with { type: 'json' }
import deInbox from './catalogs/de/inbox.json' with { type: 'json' }
import deInstitutions from './catalogs/de/institutions.json' with { type: 'json' }
import deMatching from './catalogs/de/matching.json' with { type: 'json' }
import deNotices from './catalogs/de/notices.json' with { type: 'json' }
import deOfficer from './catalogs/de/officer.json' with { type: 'json' }
import deOpendata from './catalogs/de/opendata.json' with { type: 'json' }
import dePublic from './catalogs/de/public.json' with { type: 'json' }
import deRenew from './catalogs/de/renew.json' with { type: 'json' }
import deReport from './catalogs/de/report.json' with { type: 'json' }
import deScheduling from './catalogs/de/scheduling.json' with { type: 'json' }
import deTrip from './catalogs/de/trip.json' with { type: 'json' }
import deVisa from './catalogs/de/visa.json' with { type: 'json' }
import deWork from './catalogs/de/work.json' with { type: 'json' }
import deWorkspace from './catalogs/de/workspace.json' with { type: 'json' }
import deSimpleAccount from './catalogs/de-simple/account.json' with { type: 'json' }
import deSimpleAgreement from './catalogs/de-simple/agreement.json' with { type: 'json' }
import deSimpleCommon from './catalogs/de-simple/common.json' with { type: 'json' }
import deSimpleForms from './catalogs/de-simple/forms.json' with { type: 'json' }
import deSimpleFunding from './catalogs/de-simple/funding.json' with { type: 'json' }
import deSimpleGlossary from './catalogs/de-simple/glossary.json' with { type: 'json' }
import deSimpleInbox from './catalogs/de-simple/inbox.json' with { type: 'json' }
import deSimpleInstitutions from './catalogs/de-simple/institutions.json' with { type: 'json' }
import deSimpleMatching from './catalogs/de-simple/matching.json' with { type: 'json' }
import deSimpleNotices from './catalogs/de-simple/notices.json' with { type: 'json' }
import deSimpleOfficer from './catalogs/de-simple/officer.json' with { type: 'json' }
import deSimpleOpendata from './catalogs/de-simple/opendata.json' with { type: 'json' }
import deSimplePublic from './catalogs/de-simple/public.json' with { type: 'json' }
import deSimpleRenew from './catalogs/de-simple/renew.json' with { type: 'json' }
import deSimpleReport from './catalogs/de-simple/report.json' with { type: 'json' }
import deSimpleScheduling from './catalogs/de-simple/scheduling.json' with { type: 'json' }
import deSimpleTrip from './catalogs/de-simple/trip.json' with { type: 'json' }
import deSimpleVisa from './catalogs/de-simple/visa.json' with { type: 'json' }
import deSimpleWork from './catalogs/de-simple/work.json' with { type: 'json' }
import deSimpleWorkspace from './catalogs/de-simple/workspace.json' with { type: 'json' }
import enAccount from './catalogs/en/account.json' with { type: 'json' }
import enAgreement from './catalogs/en/agreement.json' with { type: 'json' }
import enCommon from './catalogs/en/common.json' with { type: 'json' }
import enForms from './catalogs/en/forms.json' with { type: 'json' }
import enFunding from './catalogs/en/funding.json' with { type: 'json' }
import enGlossary from './catalogs/en/glossary.json' with { type: 'json' }
import enInbox from './catalogs/en/inbox.json' with { type: 'json' }
import enInstitutions from './catalogs/en/institutions.json' with { type: 'json' }
import enMatching from './catalogs/en/matching.json' with { type: 'json' }
import enNotices from './catalogs/en/notices.json' with { type: 'json' }
import enOfficer from './catalogs/en/officer.json' with { type: 'json' }
import enOpendata from './catalogs/en/opendata.json' with { type: 'json' }
import enPublic from './catalogs/en/public.json' with { type: 'json' }
import enRenew from './catalogs/en/renew.json' with { type: 'json' }
import enReport from './catalogs/en/report.json' with { type: 'json' }
import enScheduling from './catalogs/en/scheduling.json' with { type: 'json' }
import enTrip from './catalogs/en/trip.json' with { type: 'json' }
import enVisa from './catalogs/en/visa.json' with { type: 'json' }
import enWork from './catalogs/en/work.json' with { type: 'json' }
import enWorkspace from './catalogs/en/workspace.json' with { type: 'json' }
import zhAccount from './catalogs/zh/account.json' with { type: 'json' }
import zhAgreement from './catalogs/zh/agreement.json' with { type: 'json' }
import zhCommon from './catalogs/zh/common.json' with { type: 'json' }
import zhForms from './catalogs/zh/forms.json' with { type: 'json' }
import zhFunding from './catalogs/zh/funding.json' with { type: 'json' }
import zhGlossary from './catalogs/zh/glossary.json' with { type: 'json' }
import zhInbox from './catalogs/zh/inbox.json' with { type: 'json' }
import zhInstitutions from './catalogs/zh/institutions.json' with { type: 'json' }
import zhMatching from './catalogs/zh/matching.json' with { type: 'json' }
import zhNotices from './catalogs/zh/notices.json' with { type: 'json' }
import zhOfficer from './catalogs/zh/officer.json' with { type: 'json' }
import zhOpendata from './catalogs/zh/opendata.json' with { type: 'json' }
import zhPublic from './catalogs/zh/public.json' with { type: 'json' }
import zhRenew from './catalogs/zh/renew.json' with { type: 'json' }
import zhReport from './catalogs/zh/report.json' with { type: 'json' }
import zhScheduling from './catalogs/zh/scheduling.json' with { type: 'json' }
import zhTrip from './catalogs/zh/trip.json' with { type: 'json' }
import zhVisa from './catalogs/zh/visa.json' with { type: 'json' }
import zhWork from './catalogs/zh/work.json' with { type: 'json' }
import zhWorkspace from './catalogs/zh/workspace.json' with { type: 'json' }

/**
 * The web's texts: JSON catalogs per locale and feature area (catalogs/<locale>/<area>.json),
 * ICU messages formatted by @dj/i18n, the same system as the notification catalogs of @dj/messages.
 * A new area file is added to the lists below; a new key needs no TypeScript.
 */
const de = areas(
  deCommon,
  deForms,
  deNotices,
  deAccount,
  deInstitutions,
  deOfficer,
  deMatching,
  deScheduling,
  deInbox,
  deWork,
  deWorkspace,
  deAgreement,
  deTrip,
  deRenew,
  deVisa,
  deReport,
  deFunding,
  deGlossary,
  dePublic,
  deOpendata,
)

/** Every message key, derived from the German catalog. */
export type MessageKey = keyof typeof de & string
export type Catalog = Record<MessageKey, string>

// en and zh must have every German key (a missing one fails the typecheck); Einfache Sprache may
// leave a key to German. test/i18n.test.ts also checks placeholders and ICU syntax.
const en: Catalog = areas(
  enCommon,
  enForms,
  enNotices,
  enAccount,
  enInstitutions,
  enOfficer,
  enMatching,
  enScheduling,
  enInbox,
  enWork,
  enWorkspace,
  enAgreement,
  enTrip,
  enRenew,
  enVisa,
  enReport,
  enFunding,
  enGlossary,
  enPublic,
  enOpendata,
)
const zh: Catalog = areas(
  zhCommon,
  zhForms,
  zhNotices,
  zhAccount,
  zhInstitutions,
  zhOfficer,
  zhMatching,
  zhScheduling,
  zhInbox,
  zhWork,
  zhWorkspace,
  zhAgreement,
  zhTrip,
  zhRenew,
  zhVisa,
  zhReport,
  zhFunding,
  zhGlossary,
  zhPublic,
  zhOpendata,
)
const deSimple: Partial<Catalog> = areas(
  deSimpleCommon,
  deSimpleForms,
  deSimpleNotices,
  deSimpleAccount,
  deSimpleInstitutions,
  deSimpleOfficer,
  deSimpleMatching,
  deSimpleScheduling,
  deSimpleInbox,
  deSimpleWork,
  deSimpleWorkspace,
  deSimpleAgreement,
  deSimpleTrip,
  deSimpleRenew,
  deSimpleVisa,
  deSimpleReport,
  deSimpleFunding,
  deSimpleGlossary,
  deSimplePublic,
  deSimpleOpendata,
)

/** The catalogs as written, per locale. */
export const SOURCES: { de: Catalog } & Record<Locale, Partial<Catalog>> = {
  de,
  en,
  zh,
  'de-simple': deSimple,
}

const i18n = createI18n<MessageKey>(SOURCES)

/** Every locale with every key (Einfache Sprache filled from German where it has no own text). */
export const CATALOGS: Record<Locale, Catalog> = i18n.catalogs

export { isLocale, LANG_TAG, LOCALES, type Locale, type Params }

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return i18n.translate(locale, key, params)
}

/** Picks the best catalog for an Accept-Language header; German when nothing fits. */
export function negotiate(header: string | undefined): Locale {
  return negotiateLocale(header)
}

/** Dates, times, numbers and percentages: the platform's one formatter, shared with the notifier. */
export {
  formatDate,
  formatDateRange,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatTimeRange,
  readerTitle,
  zoneName,
} from '@dj/intl'
