import type { ListState } from '../../components/paging.js'

/** The value if it is one of the list's words (the page's query schema allowed it already). */
export const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((x) => x === value)

/** Search, direction, cursor and page size of a list, as the API's query takes them. */
export const pageOfList = (list: ListState, limit: number) => ({
  limit,
  q: list.q || undefined,
  dir: list.dir || undefined,
  cursor: list.cursor || undefined,
})
