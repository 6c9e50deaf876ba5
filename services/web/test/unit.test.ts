import t from 'tap'
import { escapeHtml, html, raw } from '../src/html.js'
import { safeNext } from '../src/http/respond.js'
import { SessionSealer, sameToken } from '../src/session.js'

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

t.test('session cookie is sealed: unreadable and tamper-proof', async (t) => {
  const sealer = new SessionSealer('a-secret-that-is-long-enough-for-tests-123')
  const data = { csrf: 'token', accessToken: 'eyJhbGciOi.secret', refreshToken: 'refresh-secret' }
  const sealed = sealer.seal(data)
  t.notMatch(sealed, /eyJ|secret|token/, 'nothing readable in the cookie')
  t.same(sealer.open(sealed), data)
  const [v, iv, body, tag] = sealed.split('.')
  const flipped = body!.slice(0, -2) + (body!.endsWith('A') ? 'BA' : 'AA')
  t.equal(sealer.open([v, iv, flipped, tag].join('.')), undefined, 'tampered cookie is refused')
  t.equal(new SessionSealer('another-secret-that-is-long-enough-123456').open(sealed), undefined, 'other key')
  t.equal(sealer.open('garbage'), undefined)
  t.equal(sealer.open(undefined), undefined)
})

t.test('CSRF tokens compare exactly', async (t) => {
  t.ok(sameToken('abc', 'abc'))
  t.notOk(sameToken('abc', 'abd'))
  t.notOk(sameToken('abc', 'abcd'))
  t.notOk(sameToken(undefined, 'abc'))
  t.notOk(sameToken('', ''))
})

t.test('next= only goes to local paths', async (t) => {
  t.equal(safeNext('/profile?x=1'), '/profile?x=1')
  t.equal(safeNext('//evil.example/'), '/')
  t.equal(safeNext('/\\evil.example'), '/')
  t.equal(safeNext('https://evil.example/'), '/')
  t.equal(safeNext(undefined), '/')
})
