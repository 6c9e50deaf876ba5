import t from 'tap'
import {
  fieldSeconds,
  measureReportForm,
  planReportSteps,
  REPORT_FORM,
  REPORT_OVERDUE_DAYS,
  REPORT_REMINDER_DAYS,
  reportOpensOn,
  visitIsOver,
} from '../src/index.js'

t.test('the completion path: few steps, few fields a newcomer has to touch', async (t) => {
  // A typical agreement states two or three aims; five is generous.
  for (const aims of [1, 3, 5]) {
    const m = measureReportForm(aims)
    t.equal(m.steps, 5, 'five fieldsets on one page')
    t.equal(m.requiredSteps, 4, 'the story is optional')
    t.ok(m.mustTouch <= 4 + aims, `at most ${4 + aims} fields to touch for ${aims} aims (got ${m.mustTouch})`)
    t.ok(m.toCheck <= 2, 'the prefilled adults and days are only checked')
  }
  t.equal(measureReportForm(3).mustTouch, 7)
})

t.test('every field of the form is named once, story fields only in the story step', async (t) => {
  const names = REPORT_FORM.flatMap((s) => s.fields.map((f) => f.name))
  t.equal(new Set(names).size, names.length)
  const story = REPORT_FORM.find((s) => s.id === 'story')!
  t.ok(story.optional)
  t.ok(story.fields.every((f) => f.name.startsWith('story.') && !f.required))
})

t.test('the estimate adds the KLM operators per field kind', async (t) => {
  t.ok(fieldSeconds('text') > fieldSeconds('count'))
  t.ok(fieldSeconds('multi') > fieldSeconds('choice'))
  t.type(measureReportForm(3).estimateSeconds, 'number')
})

t.test('the report opens the day after the visit; two reminders, then the office', async (t) => {
  t.equal(reportOpensOn('2027-05-14'), '2027-05-15')
  t.equal(reportOpensOn('2027-12-31'), '2028-01-01')
  t.ok(visitIsOver('2027-05-14', '2027-05-15'))
  t.notOk(visitIsOver('2027-05-14', '2027-05-14'), 'not on its last day')
  t.same(REPORT_REMINDER_DAYS, [7, 14])
  t.equal(REPORT_OVERDUE_DAYS, 21)
  t.same(planReportSteps('2027-05-14', 'open'), [
    { step: 1, date: '2027-05-21' },
    { step: 2, date: '2027-05-28' },
    { step: 3, date: '2027-06-04' },
  ])
  t.equal(planReportSteps('2027-05-14', 'open').filter((s) => s.step < 3).length, 2, 'at most two reminders')
  t.same(planReportSteps('2027-05-14', 'filed'), [])
})
