import { checkCatalogs } from '@dj/i18n'
import t from 'tap'
import { VISA_SOURCES } from '../src/index.js'

t.test(
  'the letter’s catalogs: every German key in zh and en, the same placeholders, valid ICU',
  async (t) => {
    t.same(checkCatalogs(VISA_SOURCES), [])
    t.same(Object.keys(VISA_SOURCES.zh).sort(), Object.keys(VISA_SOURCES.de).sort())
    t.same(Object.keys(VISA_SOURCES.en).sort(), Object.keys(VISA_SOURCES.de).sort())
  },
)
