import { helpers, renderEvent } from '@dj/messages'
import { isLinkToken, linkToken } from '@dj/queue'
import t from 'tap'
import { loadNotifierConfig } from '../src/config.js'
import { withLinkToken } from '../src/render.js'

// The links in verification, reset and invitation mails (README, Security): the event names the
// token row, the notifier derives the token with EMAIL_LINK_SECRET, only the mail carries it.

const SECRET = 'links-test-secret-0123456789abcdef0123'
const rowId = '9a1b2c3d-0000-4000-8000-000000000001'

t.test('the token is derived from row id and kind; without the key it cannot be made', async (t) => {
  const token = linkToken(SECRET, 'reset_password', rowId)
  t.match(token, /^[\w-]{43}$/)
  t.ok(isLinkToken(SECRET, 'reset_password', rowId, token))
  t.notOk(isLinkToken(SECRET, 'verify_email', rowId, token), 'a reset token verifies no address')
  t.notOk(isLinkToken(SECRET, 'reset_password', '9a1b2c3d-0000-4000-8000-000000000002', token))
  t.notOk(isLinkToken('another-secret-0123456789abcdef012345', 'reset_password', rowId, token))
  t.notOk(isLinkToken(SECRET, 'reset_password', rowId, rowId), 'the row id itself opens nothing')
})

t.test('the mail gets the derived token; a link mail cannot be rendered without it', async (t) => {
  const event = {
    type: 'auth.password_reset_requested' as const,
    userId: 'u',
    tokenId: rowId,
    expiresAt: '2026-03-27T08:00:00Z',
  }
  const h = helpers('en', 'Europe/Berlin', 'https://w.example')
  const m = renderEvent(withLinkToken(event, SECRET), h)
  t.equal(
    m.action?.url,
    `https://w.example/reset-password?token=${linkToken(SECRET, 'reset_password', rowId)}`,
  )
  t.throws(() => renderEvent(event, h), /only with its link token/)
})

t.test('production needs EMAIL_LINK_SECRET (no default key)', async (t) => {
  const base = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.org:587' }
  t.throws(() => loadNotifierConfig({ env: base, envFile: false }), /EMAIL_LINK_SECRET/)
  t.equal(
    loadNotifierConfig({ env: { ...base, EMAIL_LINK_SECRET: SECRET }, envFile: false }).EMAIL_LINK_SECRET,
    SECRET,
  )
})
