import type { BuiltinCalendars } from './builtin-build.js'
import { BUILTIN_CALENDARS } from './builtin-data.js'
import type { Calendar } from './model.js'

function clone(cal: Calendar): Calendar {
  const out: Calendar = {
    id: cal.id,
    entries: cal.entries.map((e) => ({ ...e, name: { ...e.name } })),
    coverage: cal.coverage.map((r) => ({ ...r })),
  }
  if (cal.attribution !== undefined) out.attribution = cal.attribution
  return out
}

/**
 * The calendars shipped in data/ (embedded at build time, no file access). Returns fresh copies so a
 * caller that mutates them cannot corrupt other callers.
 */
export function loadBuiltinCalendars(): BuiltinCalendars {
  return {
    deNwPublic: clone(BUILTIN_CALENDARS.deNwPublic),
    deNwSchool: clone(BUILTIN_CALENDARS.deNwSchool),
    cnPublic: clone(BUILTIN_CALENDARS.cnPublic),
  }
}
