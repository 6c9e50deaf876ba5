import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const AXE = require.resolve('axe-core/axe.min.js')
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..')
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots')

/** Debian's Chromium, never a downloaded browser. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

export interface PageMetric {
  name: string
  url: string
  loadMs: number
  /** Response bodies of the document and its assets (decoded, cached ones included). */
  bodyBytes: number
  /** Bytes over the wire (0 for assets served from the browser cache). */
  transferBytes: number
  requests: number
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/**
 * A browser context that refuses every request to a host other than localhost (and records it),
 * and measures each document: load time and the sum of response body sizes.
 */
export class Session {
  readonly foreignRequests: string[] = []
  readonly metrics: PageMetric[] = []

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly label: string,
  ) {}

  static async open(
    browser: Browser,
    locale = 'de-DE',
    viewport = { width: 1280, height: 900 },
    timezoneId = 'Europe/Berlin',
    label = locale,
  ) {
    // bypassCSP only so axe can be injected; the app's CSP is checked separately (test/http.test.ts).
    const context = await browser.newContext({ locale, viewport, bypassCSP: true, timezoneId })
    const page = await context.newPage()
    const s = new Session(context, page, label)
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.protocol === 'data:' || ['127.0.0.1', 'localhost'].includes(url.hostname))
        return route.continue()
      s.foreignRequests.push(url.href)
      return route.abort('blockedbyclient')
    })
    return s
  }

  /** Runs axe on the current page, saves a screenshot, records load time and weight. */
  async audit(name: string): Promise<{ violations: AxeViolation[]; metric: PageMetric }> {
    const { page } = this
    await page.waitForLoadState('load')
    // Timing and sizes of this document and what it loaded, from the page's own Resource Timing.
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
      const entries = [
        nav,
        ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]),
      ].filter((e): e is PerformanceResourceTiming => e !== undefined)
      return {
        loadMs: nav ? Math.round(nav.loadEventEnd - nav.startTime) : -1,
        bodyBytes: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
        transferBytes: entries.reduce((sum, e) => sum + e.transferSize, 0),
        requests: entries.length,
      }
    })
    await page.addScriptTag({ path: AXE })
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<unknown> } }).axe.run(
        document,
        {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        },
      ),
    )) as { violations: AxeViolation[] }
    mkdirSync(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
    const metric = { name, url: new URL(page.url()).pathname, ...timing }
    this.metrics.push(metric)
    return { violations: result.violations, metric }
  }

  close() {
    return this.context.close()
  }
}

export const serious = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')

export const describeViolations = (violations: AxeViolation[]) =>
  violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n')

export function printMetrics(label: string, metrics: PageMetric[]) {
  const lines = metrics.map(
    (m) =>
      `#   ${m.name.padEnd(26)} ${String(m.loadMs).padStart(5)} ms ${String(m.bodyBytes).padStart(7)} B bodies ${String(m.transferBytes).padStart(7)} B transferred  ${m.requests} req  ${m.url}`,
  )
  console.log(
    `# page weights (${label}): load time, response body bytes (document + assets), bytes transferred, requests\n${lines.join('\n')}`,
  )
}
