// Statistical disclosure control for the public impact figures (issue 14, item 4): a published
// count must never let a reader single out an institution, so small counts are hidden and the
// breakdown's total cannot be used to recover them.

/** Counts from 1 to this minus one are hidden; 0 is shown, since "nobody" identifies no one. */
export const SUPPRESS_BELOW = 5

/** A published figure: the count, or null for "fewer than 5" (hidden). */
export type PublicCount = number | null

export const isSmall = (n: number) => n > 0 && n < SUPPRESS_BELOW

/** A total on its own (no breakdown beside it). */
export const publicTotal = (n: number): PublicCount => (isSmall(n) ? null : n)

/**
 * One breakdown (the cells of a column that add up to a published total). Primary suppression
 * hides every cell from 1 to 4. The total is published exactly (rounding it would blur every
 * figure for everyone), so secondary suppression protects the hidden cells instead: while fewer
 * than two cells are hidden, or the hidden cells add up to less than 5, the smallest shown non-zero
 * cell is hidden too. Then "total minus the shown cells" only gives the sum of at least two hidden
 * cells, which is at least 5 and so says neither which cell holds what nor that any of them is a
 * single institution. Ties are broken by position, so the result is deterministic.
 */
export function suppressCells(counts: readonly number[]): PublicCount[] {
  const hidden = counts.map(isSmall)
  const hiddenSum = () => counts.reduce((s, n, i) => s + (hidden[i] ? n : 0), 0)
  const hiddenCount = () => hidden.filter(Boolean).length
  while (hiddenCount() > 0 && (hiddenCount() < 2 || hiddenSum() < SUPPRESS_BELOW)) {
    let next = -1
    counts.forEach((n, i) => {
      if (!hidden[i] && n > 0 && (next < 0 || n < (counts[next] ?? 0))) next = i
    })
    if (next < 0) break // nothing left to hide: the total itself is then small and hidden
    hidden[next] = true
  }
  return counts.map((n, i) => (hidden[i] ? null : n))
}

/**
 * A column with its total: the cells suppressed as above; the total hidden when it is small itself
 * (then every non-zero cell is small too, and already hidden).
 */
export function suppressColumn(counts: readonly number[], total: number) {
  return { cells: suppressCells(counts), total: publicTotal(total) }
}

/**
 * Rows of several measures (columns) keyed by something (a year, a kind, a topic, a place):
 * each measure is its own column with its own total, suppressed independently.
 */
export function suppressTable<K, M extends string>(
  rows: readonly ({ key: K } & Record<M, number>)[],
  measures: readonly M[],
  totals: Record<M, number>,
): { rows: ({ key: K } & Record<M, PublicCount>)[]; totals: Record<M, PublicCount> } {
  const out = rows.map((r) => ({ key: r.key }) as { key: K } & Record<M, PublicCount>)
  const outTotals = {} as Record<M, PublicCount>
  for (const m of measures) {
    const column = suppressColumn(
      rows.map((r) => r[m]),
      totals[m],
    )
    column.cells.forEach((c, i) => {
      const row = out[i]
      if (row) (row as Record<M, PublicCount>)[m] = c
    })
    outTotals[m] = column.total
  }
  return { rows: out, totals: outTotals }
}
