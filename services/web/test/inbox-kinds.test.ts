// Every event the platform tells people about has its place in the inbox: a kind to filter by
// (the first word of its type) and a name on the notification settings page, in every language.
import { INBOX_KINDS } from '@dj/contracts'
import { MESSAGE_TYPES } from '@dj/messages'
import t from 'tap'
import { CATALOGS, LOCALES } from '../src/i18n/index.js'

t.test('the first word of every message type is an inbox kind, and every kind is used', async (t) => {
  const firstWords = new Set(MESSAGE_TYPES.map((type) => type.split('.')[0]!))
  t.same(
    [...firstWords].filter((w) => !(INBOX_KINDS as readonly string[]).includes(w)),
    [],
    'no type left out',
  )
  t.same(
    INBOX_KINDS.filter((k) => !firstWords.has(k)),
    [],
    'no kind without a type',
  )
})

t.test('every kind and every message type has a label in every language', async (t) => {
  for (const locale of LOCALES) {
    const catalog = CATALOGS[locale] as Record<string, string>
    t.same(
      INBOX_KINDS.filter((k) => !catalog[`inboxKind.${k}`]),
      [],
      `${locale}: inbox kinds`,
    )
    t.same(
      MESSAGE_TYPES.filter((type) => !catalog[`event.${type}`]),
      [],
      `${locale}: event names on the settings page`,
    )
  }
})
