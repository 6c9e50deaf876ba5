/**
 * When a report is asked for and chased, counted in days from the visit's last day in the
 * visit's zone: opened the day after (+1), reminded at +7 and +14, the office of the institution's
 * side told at +21. At most two reminders (issue 13): Immersion Facilitée's reminder mails are
 * opened at most 16 % of the time, so a third would mostly be noise; the office's word carries more.
 */
export const REPORT_OPEN_DAYS = 1
export const REPORT_REMINDER_DAYS = [7, 14] as const
export const REPORT_OVERDUE_DAYS = 21

/** The local hour the dated steps go out at (a working morning in the visit's zone). */
export const REPORT_SEND_MINUTE = 9 * 60

/** 1, 2: reminders to the institution; 3: the notice to the office of its side. */
export type ReportStep = 1 | 2 | 3

export interface PlannedReportStep {
  step: ReportStep
  /** The local date (YYYY-MM-DD in the visit's zone) it is due on, at REPORT_SEND_MINUTE. */
  date: string
}

const DAY_MS = 86_400_000
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** The local date the report opens: the day after the visit's last day. */
export const reportOpensOn = (visitEndDate: string) => addDays(visitEndDate, REPORT_OPEN_DAYS)

/** Whether a visit that ended on `visitEndDate` is over on `today` (both local dates in its zone). */
export const visitIsOver = (visitEndDate: string, today: string) => today > visitEndDate

/**
 * The steps still owed for a report: none once filed; otherwise the two reminders and the office's
 * notice, dated from the visit's end (not from when the sweep happened to open it), so a late
 * sweep does not push them back.
 */
export function planReportSteps(visitEndDate: string, status: 'open' | 'filed'): PlannedReportStep[] {
  if (status === 'filed') return []
  return [
    { step: 1, date: addDays(visitEndDate, REPORT_REMINDER_DAYS[0]) },
    { step: 2, date: addDays(visitEndDate, REPORT_REMINDER_DAYS[1]) },
    { step: 3, date: addDays(visitEndDate, REPORT_OVERDUE_DAYS) },
  ]
}
