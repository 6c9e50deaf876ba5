import type { interests } from '@dj/db'

type InterestRow = typeof interests.$inferInsert

/**
 * The interest row tests seed when they need a match: a hosting pupil exchange that every other
 * such row on the other side is compatible with (ages 13–16, groups of 10–16, English, May–June of
 * 2027, one to two weeks, both directions). Overrides change single fields.
 */
export function matchableInterest(institutionId: string, overrides: Partial<InterestRow> = {}): InterestRow {
  return {
    institutionId,
    formats: ['pupil_exchange_hosting'],
    topics: ['culture'],
    ageMin: 13,
    ageMax: 16,
    groupMin: 10,
    groupMax: 16,
    languages: [{ lang: 'en', level: 'intermediate' }],
    windows: [{ start: '2027-05-01', end: '2027-06-30' }],
    durationMinDays: 7,
    durationMaxDays: 14,
    direction: 'both',
    hostingGuests: 20,
    hostFamilies: 16,
    maxPartners: 1,
    ...overrides,
  }
}

/** The interest row scheduling tests hang a partnership on: a group visit with no dates of its own. */
export function groupVisitInterest(institutionId: string): InterestRow {
  return {
    institutionId,
    formats: ['group_visit'],
    topics: ['culture'],
    ageMin: 12,
    ageMax: 16,
    groupMin: 5,
    groupMax: 20,
    languages: [{ lang: 'en', level: 'intermediate' }],
    durationMinDays: 5,
    durationMaxDays: 14,
    direction: 'both',
  }
}
