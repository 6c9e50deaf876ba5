/** A4 in PDF points (210 × 297 mm), the size pdfkit names 'A4'. */
export const A4 = { width: 595.28, height: 841.89 } as const

export const MARGIN = { top: 56, bottom: 72, side: 48 } as const
export const GUTTER = 18

/** The x positions and the width of `n` columns side by side between the margins. */
export function columns(n: number): { xs: number[]; width: number } {
  const width = (A4.width - 2 * MARGIN.side - GUTTER * (n - 1)) / n
  return { xs: Array.from({ length: n }, (_, i) => MARGIN.side + i * (width + GUTTER)), width }
}

/**
 * Splits a text in two near its middle, at a sentence end if there is one (". ", "。", "；"),
 * else at a space, else anywhere: a row of columns taller than a page is printed in parts.
 */
export function halve(text: string): [string, string] {
  const mid = Math.floor(text.length / 2)
  const cut = (re: RegExp) => {
    let best = -1
    for (const m of text.matchAll(re)) {
      const at = (m.index ?? 0) + m[0].length
      if (at > 0 && at < text.length && (best < 0 || Math.abs(at - mid) < Math.abs(best - mid))) best = at
    }
    return best
  }
  let at = cut(/[.!?;:] |[。！？；]/g)
  if (at < 0) at = cut(/ /g)
  if (at < 0) at = Math.max(1, mid)
  return [text.slice(0, at).trimEnd(), text.slice(at).trimStart()]
}
