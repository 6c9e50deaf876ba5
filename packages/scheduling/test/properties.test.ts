import fc from 'fast-check'
import t from 'tap'
import { WEEKDAYS, weekdayHours } from '../src/availability.js'
import { loadBuiltinCalendars } from '../src/calendar/builtin.js'
import { addDays, isoWeekday } from '../src/date.js'
import type { Participant, Slot } from '../src/slots.js'
import { findMeetingSlots } from '../src/slots.js'
import { zonedParts } from '../src/tz.js'
import { chinaTravelPeaks, findVisitWindows } from '../src/visits.js'

const ZONES = [
  'Europe/Berlin',
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
]
// Days around DST changes in 2026 (Berlin 29 Mar / 25 Oct, New York 8 Mar / 1 Nov, Lord Howe 5 Apr / 4 Oct).
const ANCHORS = [
  '2026-03-07',
  '2026-03-28',
  '2026-04-04',
  '2026-06-15',
  '2026-10-03',
  '2026-10-24',
  '2026-10-31',
]

const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

const spanArb = fc
  .tuple(fc.integer({ min: 0, max: 46 }), fc.integer({ min: 1, max: 20 }))
  .map(([a, len]) => ({ start: a * 30, end: Math.min(1440, a * 30 + len * 30) }))

const participantArb = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
  span: spanArb,
  reach: fc.constantFrom({ start: 0, end: 1440 }, { start: 420, end: 1320 }, { start: 360, end: 1380 }),
  blockOffset: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
})

const requestArb = fc.record({
  people: fc.array(participantArb, { minLength: 1, maxLength: 3 }),
  anchor: fc.constantFrom(...ANCHORS),
  rangeDays: fc.integer({ min: 1, max: 2 }),
  slotMinutes: fc.constantFrom(15, 30, 45, 60, 90),
  granularity: fc.constantFrom(15, 30, 60),
  count: fc.integer({ min: 1, max: 400 }),
  prefer: fc.constantFrom('convenient' as const, 'earliest' as const),
})

type Gen = typeof requestArb extends fc.Arbitrary<infer T> ? T : never

function toParticipants(g: Gen): Participant[] {
  return g.people.map((p, i) => ({
    id: `p${i}`,
    timeZone: p.timeZone,
    workingHours: Object.fromEntries(
      p.days.map((d) => [d, [{ start: clock(p.span.start), end: clock(p.span.end) }]]),
    ),
    reachableHours: { start: clock(p.reach.start), end: clock(p.reach.end) },
    ...(p.blockOffset === undefined ? {} : { blockedDates: [addDays(g.anchor, p.blockOffset)] }),
  }))
}

/** Minute-by-minute oracle straight from Intl: is minute `ms` inside working hours / reachable / blocked? */
function minuteInfo(ms: number, p: Gen['people'][number], anchor: string) {
  const z = zonedParts(ms, p.timeZone)
  const date = `${z.year}-${String(z.month).padStart(2, '0')}-${String(z.day).padStart(2, '0')}`
  const mod = z.hour * 60 + z.minute
  const weekday = WEEKDAYS[isoWeekday(date) - 1]!
  const working = p.days.includes(weekday) && mod >= p.span.start && mod < p.span.end
  const reachable = mod >= p.reach.start && mod < p.reach.end
  const blocked = p.blockOffset !== undefined && date === addDays(anchor, p.blockOffset)
  return { working, reachable, blocked }
}

function rankKey(s: Slot, prefer: 'convenient' | 'earliest'): number[] {
  return [
    s.allInsideWorkingHours ? 0 : 1,
    s.minutesOutsideWorkingHours,
    prefer === 'convenient' ? s.coreDistanceMinutes : 0,
    Date.parse(s.start),
  ]
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

t.test(
  'every slot lies inside the range, has the requested length and matches a minute-by-minute oracle',
  async (t) => {
    fc.assert(
      fc.property(requestArb, (g) => {
        const range = { start: `${g.anchor}T00:00:00Z`, end: `${addDays(g.anchor, g.rangeDays)}T00:00:00Z` }
        const res = findMeetingSlots({
          participants: toParticipants(g),
          slotMinutes: g.slotMinutes,
          granularityMinutes: g.granularity,
          range,
          count: g.count,
          prefer: g.prefer,
        })
        const rs = Date.parse(range.start)
        const re = Date.parse(range.end)
        if (res.slots.length > g.count) return false
        const seen = new Set<string>()
        for (const s of res.slots) {
          const a = Date.parse(s.start)
          const b = Date.parse(s.end)
          if (a < rs || b > re) return false
          if (b - a !== g.slotMinutes * 60_000) return false
          if (a % (g.granularity * 60_000) !== 0) return false
          if (seen.has(s.start)) return false
          seen.add(s.start)
          let total = 0
          for (const [i, p] of g.people.entries()) {
            let outside = 0
            for (let m = a; m < b; m += 60_000) {
              const info = minuteInfo(m, p, g.anchor)
              if (!info.reachable || info.blocked) return false
              if (!info.working) outside++
            }
            const view = s.participants[i]!
            if (view.minutesOutsideWorkingHours !== outside) return false
            if (view.insideWorkingHours !== (outside === 0)) return false
            total += outside
          }
          if (s.minutesOutsideWorkingHours !== total || s.allInsideWorkingHours !== (total === 0))
            return false
        }
        return true
      }),
      { numRuns: 60 },
    )
    t.pass('property held')
  },
)

t.test('ranking order is respected and no better feasible slot is left out', async (t) => {
  fc.assert(
    fc.property(requestArb, (g) => {
      const range = { start: `${g.anchor}T00:00:00Z`, end: `${addDays(g.anchor, g.rangeDays)}T00:00:00Z` }
      const req = {
        participants: toParticipants(g),
        slotMinutes: g.slotMinutes,
        granularityMinutes: g.granularity,
        range,
        prefer: g.prefer,
      }
      const top = findMeetingSlots({ ...req, count: g.count }).slots
      for (let i = 1; i < top.length; i++) {
        if (compareKeys(rankKey(top[i - 1]!, g.prefer), rankKey(top[i]!, g.prefer)) > 0) return false
      }
      // The top N must be a prefix of the full ranking: asking for more never changes the first N.
      const all = findMeetingSlots({ ...req, count: 1000 }).slots
      return top.every((s, i) => all[i]!.start === s.start)
    }),
    { numRuns: 40 },
  )
  t.pass('property held')
})

t.test(
  'visit windows: in range, right length, travel days outside peaks, rejected+accepted = all candidates',
  async (t) => {
    const cal = loadBuiltinCalendars()
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 21 }),
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom('holidays_only' as const, 'term_only' as const, 'any' as const),
        (offset, days, span, margin, policy) => {
          const start = addDays('2025-01-01', offset)
          const range = { start, end: addDays(start, span) }
          const res = findVisitWindows({
            host: { id: 'h', side: 'de', kind: 'school', calendars: [cal.deNwPublic, cal.deNwSchool] },
            travellers: {
              id: 'g',
              side: 'cn',
              kind: 'school',
              calendars: [cal.cnPublic],
              travelPolicy: policy,
            },
            days,
            range,
            chinaCalendar: cal.cnPublic,
            peakMarginDays: margin,
            count: 1000,
          })
          if (res.windows.length + res.rejected.length !== span + 1 - days + 1) return false
          const peaks = chinaTravelPeaks(cal.cnPublic, margin)
          const inPeak = (d: string) => peaks.some((p) => p.peak.start <= d && d <= p.peak.end)
          for (const w of res.windows) {
            if (w.start < range.start || w.end > range.end) return false
            if (addDays(w.start, days - 1) !== w.end) return false
            if (inPeak(w.start) || inPeak(w.end)) return false
            if (w.conflicts.some((c) => c.severity !== 'conflict')) return false
          }
          for (let i = 1; i < res.windows.length; i++) {
            const a = res.windows[i - 1]!
            const b = res.windows[i]!
            const cmp =
              a.conflictDays - b.conflictDays ||
              b.hostOpenDays - a.hostOpenDays ||
              (a.start < b.start ? -1 : 1)
            if (cmp > 0) return false
          }
          return res.rejected.every((r) => r.reasons.some((x) => x.severity === 'reject'))
        },
      ),
      { numRuns: 60 },
    )
    t.pass('property held')
  },
)

t.test('weekdayHours helper', async (t) => {
  t.strictSame(Object.keys(weekdayHours('08:00', '16:00')), ['mon', 'tue', 'wed', 'thu', 'fri'])
})
