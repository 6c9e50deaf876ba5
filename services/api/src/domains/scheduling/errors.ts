import { isSchedulingError } from '@dj/scheduling'
import { FieldsError } from '../errors.js'

/**
 * Runs pure scheduling code and turns its coded input errors into a 400 naming the request field.
 * `fieldMap` rewrites the package's field paths to the request's (e.g. `range` → `range.end`).
 */
export function withSchedulingErrors<T>(fn: () => T, fieldMap: (field: string) => string = (f) => f): T {
  try {
    return fn()
  } catch (error) {
    if (isSchedulingError(error)) {
      const field = fieldMap(
        error.field ?? (error.line !== undefined ? `content (line ${error.line})` : 'body'),
      )
      const message = error.message.replace(/^SCHED_[A-Z_]+: /, '')
      throw new FieldsError([{ field, message }], error.code)
    }
    throw error
  }
}
