#!/usr/bin/env node
// Runs every tap test file in the workspace and ends with one line of real counts:
// "N passed, N failed". Leaf assertions are counted from the TAP stream; a subtest or file
// that fails without a failing assertion (a crash, a timeout) counts as one failure.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const args = process.argv.slice(2)
const child = spawn('npx', ['tap', '--reporter=tap', ...args], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0' },
})

let passed = 0
let failed = 0
let skipped = 0
// One frame per open subtest: its indentation and whether a failure was already counted inside.
const stack = []
const rl = createInterface({ input: child.stdout })
rl.on('line', (line) => {
  process.stdout.write(`${line}\n`)
  const subtest = /^(\s*)# Subtest: /.exec(line)
  if (subtest) {
    stack.push({ indent: subtest[1].length, failedInside: false })
    return
  }
  const point = /^(\s*)(not ok|ok) \d+/.exec(line)
  if (!point) return
  const indent = point[1].length
  const ok = point[2] === 'ok'
  const top = stack.at(-1)
  if (top && top.indent === indent) {
    // This line closes a subtest.
    stack.pop()
    if (!ok && !top.failedInside) {
      failed += 1
      markParentsFailed()
    } else if (top.failedInside) markParentsFailed()
    return
  }
  if (/# SKIP|# TODO/i.test(line)) skipped += 1
  else if (ok) passed += 1
  else {
    failed += 1
    markParentsFailed()
  }
})
function markParentsFailed() {
  for (const frame of stack) frame.failedInside = true
}

child.on('close', (code) => {
  if (code !== 0 && failed === 0) failed = 1
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  process.exit(failed > 0 || code !== 0 ? 1 : 0)
})
