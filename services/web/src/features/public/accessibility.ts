import type { FastifyPluginAsync } from 'fastify'
import { escapeHtml, html, raw } from '../../html.js'
import { send } from '../../http/respond.js'
import { page } from '../../layout.js'

export interface AccessibilityOptions {
  contactEmail: string
}

/** Turns the address inside a translated sentence into a mailto link, everything else escaped. */
function withMailLink(text: string, email: string) {
  const link = html`<a href="mailto:${email}">${email}</a>`.value
  return raw(escapeHtml(text).replace(escapeHtml(email), link))
}

/** The statement BITV 2.0 § 7 asks for; in the reader's language like every page. */
export const accessibilityPages: FastifyPluginAsync<AccessibilityOptions> = async (app, options) => {
  app.get('/barrierefreiheit', { config: { access: 'public' } }, async (request, reply) => {
    const v = request.view
    const email = options.contactEmail
    return send(
      reply,
      page(v, {
        title: v.t('a11y.title'),
        body: html`<p>${v.t('a11y.intro')}</p>
<h2>${v.t('a11y.statusTitle')}</h2>
<p>${v.t('a11y.status')}</p>
<h2>${v.t('a11y.limitsTitle')}</h2>
<ul>
  <li>${v.t('a11y.limit1')}</li>
  <li>${v.t('a11y.limit2')}</li>
  <li>${v.t('a11y.limit3')}</li>
</ul>
<h2>${v.t('a11y.preparedTitle')}</h2>
<p>${v.t('a11y.prepared')}</p>
<h2>${v.t('a11y.feedbackTitle')}</h2>
<p>${withMailLink(v.t('a11y.feedback', { email }), email)}</p>
<h2>${v.t('a11y.enforcementTitle')}</h2>
<p>${v.t('a11y.enforcement')}</p>
<ul>
  <li lang="de">${v.t('a11y.ombudsNrw')}</li>
  <li lang="de"><a href="https://www.schlichtungsstelle-bgg.de">${v.t('a11y.schlichtung')}</a></li>
</ul>`,
      }),
    )
  })
  // Other spellings people (and the English footer) may try.
  for (const alias of ['/accessibility', '/barrierefreiheit/'])
    app.get(alias, { config: { access: 'public' } }, async (_request, reply) =>
      reply.redirect('/barrierefreiheit', 301),
    )
}
