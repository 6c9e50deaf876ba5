/** The intersection of the area catalogs of one locale: its keys are the union of theirs. */
export type Merge<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? H & Merge<R>
  : unknown

/**
 * Joins the area files of one locale into one catalog. A key may live in one area only, so a
 * translator finds it in exactly one file.
 */
export function areas<const T extends readonly Record<string, string>[]>(...parts: T): Merge<T> {
  const all: Record<string, string> = {}
  for (const part of parts) {
    for (const [key, text] of Object.entries(part)) {
      if (key in all) throw new Error(`catalog key ${key} is defined in two area files`)
      all[key] = text
    }
  }
  return all as Merge<T>
}
