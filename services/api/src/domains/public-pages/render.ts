import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * Markdown of the public pages to HTML a public page may carry. marked renders (GitHub-flavoured,
 * raw HTML passes through it), then sanitize-html keeps only an allow-list: no script or style,
 * no attribute but a link's href/title and a table cell's alignment, only http(s), mailto and tel
 * links. The page's <h1> is its title, so Markdown headings start at <h2>.
 */
const markdown = new Marked({ gfm: true, breaks: false, async: false })

const SANITISE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Tags whose content must go with them (the default list keeps e.g. a <script>'s text out too).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'template'],
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
  },
}

export function renderMarkdown(source: string): string {
  const html = markdown.parse(source, { async: false })
  return sanitizeHtml(html, SANITISE).trim()
}
