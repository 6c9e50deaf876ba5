import { SOURCES } from '@dj/agreement'
import t from 'tap'
import { missingGlyphs } from '../src/index.js'

t.test('the font draws every character of every clause and word in the catalogs', async (t) => {
  for (const [lang, catalog] of Object.entries(SOURCES))
    t.same(missingGlyphs(Object.values(catalog).join('')), [], lang)
})

t.test('names in both scripts, and what it cannot draw is named', async (t) => {
  t.same(missingGlyphs('Jürgen Weiß, Düren · 金华市婺城区 · 王芳 · Ærø'), [])
  t.same(missingGlyphs('Lee 😀 Kim'), ['😀'], 'an emoji is not in the font')
})
