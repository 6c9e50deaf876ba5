// Deliberately imports only the modules it needs: tsx compiles every imported file at startup.
import { readFileSync } from 'node:fs'
import { isMatchError } from '../errors.js'
import { type CompiledInstance, compileArrays, compileInstance } from '../instance.js'
import { parseInstance } from '../parse.js'
import { buildResult } from '../result.js'
import { scanInstance } from '../scan.js'
import { stableCompiled } from '../stable.js'
import { welfareCompiled } from '../welfare.js'

const USAGE = 'usage: match stable FILE [--proposer A|B] | match welfare FILE'

class UsageError extends Error {}

// MATCH_TIMINGS=1 prints where the time went (ms per phase, JSON on stderr) for the benchmark.
const timings = process.env['MATCH_TIMINGS'] ? ([['start', performance.now()]] as [string, number][]) : null
const mark = (phase: string) => timings?.push([phase, performance.now()])
function reportTimings() {
  if (!timings) return
  const out: Record<string, number> = { start: Math.round(timings[0]![1]) }
  for (let i = 1; i < timings.length; i++)
    out[timings[i]![0]] = Math.round((timings[i]![1] - timings[i - 1]![1]) * 10) / 10
  process.stderr.write(`${JSON.stringify(out)}\n`)
}

function fail(message: string): never {
  process.stdout.write(`${JSON.stringify({ error: message })}\n`)
  process.exit(2)
}

function parseArgs(argv: string[]): { policy: 'stable' | 'welfare'; file: string; proposer: 'A' | 'B' } {
  const [policy, ...rest] = argv
  if (policy !== 'stable' && policy !== 'welfare')
    throw new UsageError(`unknown policy ${JSON.stringify(policy ?? '')}; ${USAGE}`)
  let file: string | undefined
  let proposer: 'A' | 'B' = 'A'
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!
    if (arg === '--proposer' || arg.startsWith('--proposer=')) {
      if (policy !== 'stable') throw new UsageError('--proposer only applies to stable')
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i]
      if (value !== 'A' && value !== 'B')
        throw new UsageError(`bad --proposer ${JSON.stringify(value ?? '')}; use A or B`)
      proposer = value
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}; ${USAGE}`)
    } else if (file === undefined) {
      file = arg
    } else {
      throw new UsageError(`unexpected argument ${arg}; ${USAGE}`)
    }
  }
  if (file === undefined) throw new UsageError(`missing FILE; ${USAGE}`)
  return { policy, file, proposer }
}

/**
 * The byte scanner and compileArrays; null when the scanner declines the input or compileArrays
 * rejects it, so that the slow path decides and words the error. MATCH_PARSE=json skips it (benchmark baseline).
 */
function fastCompile(bytes: Uint8Array): CompiledInstance | null {
  if (process.env['MATCH_PARSE'] === 'json') return null
  const arrays = scanInstance(bytes)
  mark('scan')
  if (arrays === null) return null
  try {
    return compileArrays(arrays)
  } catch (e) {
    if (isMatchError(e)) return null
    throw e
  }
}

/** JSON.parse, shape check and compileInstance: the reference behaviour, and every error message. */
function slowCompile(bytes: Buffer): CompiledInstance {
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
    mark('jsonParse')
  } catch (e) {
    fail(`malformed JSON: ${(e as Error).message}`)
  }
  const instance = parseInstance(raw)
  mark('validate')
  return compileInstance(instance)
}

function main(): void {
  let args: ReturnType<typeof parseArgs>
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (e) {
    fail((e as Error).message)
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(args.file)
    mark('read')
  } catch (e) {
    fail(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  try {
    const ci = fastCompile(bytes) ?? slowCompile(bytes)
    mark('compile')
    const chosen = args.policy === 'stable' ? stableCompiled(ci, args.proposer) : welfareCompiled(ci)
    mark('solve')
    const result = buildResult(ci, chosen)
    const out = `${JSON.stringify({ matching: result.pairs, total_weight: result.totalWeight })}\n`
    mark('result')
    process.stdout.write(out)
    mark('write')
    reportTimings()
  } catch (e) {
    if (isMatchError(e)) fail(e.message)
    throw e
  }
}

main()
