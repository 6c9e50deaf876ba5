import t from 'tap'
import { FALLBACK } from '../src/domains/public-pages/pages.js'
import { renderMarkdown } from '../src/domains/public-pages/render.js'

// The sanitiser of the public pages (issue 14, item 1): what an officer's Markdown may not bring in.

t.test('Markdown renders to the allowed elements, headings starting at h2', async (t) => {
  const out = renderMarkdown(
    '# Titel\n\nText mit **fett** und [Link](https://example.org).\n\n- eins\n- zwei',
  )
  t.match(out, '<h2>Titel</h2>')
  t.match(out, '<strong>fett</strong>')
  t.match(out, '<a href="https://example.org">Link</a>')
  t.match(out, '<li>eins</li>')
})

t.test('script, style, iframes and their content are stripped', async (t) => {
  const out = renderMarkdown(
    'Hallo <script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe> Welt',
  )
  t.notMatch(out, /script|alert|style|iframe/i)
  t.match(out, 'Hallo')
  t.match(out, 'Welt')
})

t.test('event handlers and other attributes are stripped', async (t) => {
  const out = renderMarkdown(
    '<p onclick="steal()" style="color:red" class="x">a</p><img src="x" onerror="steal()">',
  )
  t.notMatch(out, /onclick|onerror|steal|style=|class=|<img/i)
  t.match(out, '<p>a</p>')
})

t.test('javascript:, data: and protocol-relative links lose their href', async (t) => {
  for (const href of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<b>x</b>',
    '//evil.example/x',
  ]) {
    const md = renderMarkdown(`[klick](${href}) <a href="${href}">roh</a>`)
    t.notMatch(md, /javascript|data:|evil\.example/i, href)
  }
  t.match(renderMarkdown('[Mail](mailto:welcome@kreis-dueren.de)'), 'href="mailto:welcome@kreis-dueren.de"')
  t.match(renderMarkdown('[Seite](/de/faq)'), 'href="/de/faq"')
})

t.test('every language falls back to another one, never to itself', async (t) => {
  for (const [locale, chain] of Object.entries(FALLBACK)) {
    t.ok(chain.length > 0, locale)
    t.notOk(chain.includes(locale as never), locale)
  }
  t.same(FALLBACK['de-simple'], ['de'])
})
