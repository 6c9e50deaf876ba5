const unescapeHtml = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')

const attrs = (tag: string) =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescapeHtml(m[2]!)]))

/**
 * What a browser sends for the first form on the page matching `form` as it stands: named inputs
 * (checkboxes and radios only when checked), textareas, and each select's selected option (else
 * its first). Buttons are left out: the caller adds the one it "presses".
 */
export function formFields(body: string, form: RegExp): [string, string][] {
  const html = form.exec(body)?.[0]
  if (!html) throw new Error(`no form matching ${form} on the page`)
  const out: [string, string][] = []
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const a = attrs(m[0])
    if (!a['name']) continue
    if ((a['type'] === 'checkbox' || a['type'] === 'radio') && !/\schecked\b/.test(m[0])) continue
    out.push([a['name'], a['value'] ?? ''])
  }
  for (const m of html.matchAll(/<textarea\b([^>]*)>([^<]*)<\/textarea>/g))
    out.push([attrs(m[1]!)['name']!, unescapeHtml(m[2]!)])
  for (const m of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const selected =
      /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? ''
    out.push([attrs(m[1]!)['name']!, unescapeHtml(selected)])
  }
  return out
}

/** The fields with some replaced (a list stands for a checkbox group or repeated field). */
export function withChanges(
  fields: [string, string][],
  changes: Record<string, string | string[]>,
): [string, string][] {
  const kept = fields.filter(([k]) => !(k in changes))
  for (const [k, v] of Object.entries(changes)) for (const x of [v].flat()) kept.push([k, x])
  return kept
}
