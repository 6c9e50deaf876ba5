export type { TimeSpan, Weekday, WorkingHours } from './availability.js'
export { WEEKDAYS, weekdayHours } from './availability.js'
export { loadBuiltinCalendars } from './calendar/builtin.js'
export type { BuiltinCalendars, BuiltinSources } from './calendar/builtin-build.js'
export {
  buildBuiltinCalendars,
  HOLIDAY_CN_ATTRIBUTION,
  OPENHOLIDAYS_ATTRIBUTION,
} from './calendar/builtin-build.js'
export type { Calendar, CalendarEntry, EntryKind, LocalizedName } from './calendar/model.js'
export {
  coverageGaps,
  displayName,
  ENTRY_KINDS,
  entriesIn,
  entriesOn,
  makeCalendar,
} from './calendar/model.js'
export type { HolidayCnYear } from './calendar/parse-holiday-cn.js'
export { parseHolidayCn } from './calendar/parse-holiday-cn.js'
export type { IcsCalendar, IcsEvent, IcsTime, IcsToEntriesOptions } from './calendar/parse-ics.js'
export { icsEventsToEntries, parseIcs } from './calendar/parse-ics.js'
export type { ImportCsvOptions } from './calendar/parse-import-csv.js'
export { parseImportCsv } from './calendar/parse-import-csv.js'
export type { OpenHolidaysCsvOptions } from './calendar/parse-openholidays-csv.js'
export { parseOpenHolidaysCsv } from './calendar/parse-openholidays-csv.js'
export type { DateRange, IsoDate } from './date.js'
export { addDays, isIsoDate, isoWeekday } from './date.js'
export type { SchedErrorCode, SchedErrorDetails } from './errors.js'
export { isSchedulingError, SchedulingError } from './errors.js'
export type { IcsAttendee, IcsEventInput, IcsPerson, IcsWhen } from './ics.js'
export { buildIcs, escapeText, foldLine } from './ics.js'
export type { Reminder, ReminderOffset, ReminderRequest } from './reminders.js'
export { planReminders, reminderId } from './reminders.js'
export type {
  CoverageWarning,
  Participant,
  Slot,
  SlotParticipantView,
  SlotRange,
  SlotRequest,
  SlotResult,
} from './slots.js'
export { findMeetingSlots } from './slots.js'
export type { GapPolicy } from './tz.js'
export {
  assertTimeZone,
  formatIsoWithOffset,
  formatLocalDateTime,
  isValidTimeZone,
  localDate,
  localMinuteOfDay,
  localToInstant,
  offsetMinutes,
} from './tz.js'
export type {
  Institution,
  InstitutionKind,
  RejectedWindow,
  Side,
  TravelDayRule,
  TravelPeak,
  TravelPolicy,
  VisitCoverageGap,
  VisitReason,
  VisitReasonCode,
  VisitRequest,
  VisitResult,
  VisitWindow,
} from './visits.js'
export { chinaTravelPeaks, findVisitWindows } from './visits.js'
