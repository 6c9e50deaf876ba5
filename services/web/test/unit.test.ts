import t from 'tap'
import { escapeHtml, html, raw } from '../src/html.js'
import { safeNext } from '../src/http/respond.js'

t.test('html escapes by default', async (t) => {
  const name = '<script>alert("x")</script> & \'y\''
  t.equal(
    html`<p>${name}</p>`.value,
    '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
  )
  t.equal(html`<a title="${'" onmouseover="x'}">`.value, '<a title="&quot; onmouseover=&quot;x">')
  t.equal(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a</li><li>b</li></ul>')
  t.equal(html`${false}${null}${undefined}${true}${0}`.value, '0')
  t.equal(html`${raw('<b>ok</b>')}`.value, '<b>ok</b>')
  t.equal(escapeHtml('a&b'), 'a&amp;b')
})

t.test('next= only goes to local paths', async (t) => {
  t.equal(safeNext('/profile?x=1'), '/profile?x=1')
  t.equal(safeNext('//evil.example/'), '/')
  t.equal(safeNext('/\\evil.example'), '/')
  t.equal(safeNext('https://evil.example/'), '/')
  t.equal(safeNext(undefined), '/')
})
