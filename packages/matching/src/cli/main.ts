// Deliberately imports only the modules it needs: tsx compiles every imported file at startup.
import { readFileSync } from 'node:fs'
import { isMatchError } from '../errors.js'
import { compileInstance } from '../instance.js'
import { parseInstance } from '../parse.js'
import { buildResult } from '../result.js'
import { stableCompiled } from '../stable.js'
import { welfareCompiled } from '../welfare.js'

const USAGE = 'usage: match stable FILE [--proposer A|B] | match welfare FILE'

class UsageError extends Error {}

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

function main(): void {
  let args: ReturnType<typeof parseArgs>
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (e) {
    fail((e as Error).message)
  }
  let text: string
  try {
    text = readFileSync(args.file, 'utf8')
  } catch (e) {
    fail(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    fail(`malformed JSON: ${(e as Error).message}`)
  }
  try {
    const ci = compileInstance(parseInstance(raw))
    const chosen = args.policy === 'stable' ? stableCompiled(ci, args.proposer) : welfareCompiled(ci)
    const result = buildResult(ci, chosen)
    process.stdout.write(`${JSON.stringify({ matching: result.pairs, total_weight: result.totalWeight })}\n`)
  } catch (e) {
    if (isMatchError(e)) fail(e.message)
    throw e
  }
}

main()
