import type { MatchInterest } from './interest.js'
import { type PreparedInterest, prepareInterest } from './prepared.js'

export type HardConstraint = 'excluded' | 'format' | 'age' | 'language' | 'window' | 'group_size'
export const HARD_CONSTRAINTS: readonly HardConstraint[] = [
  'excluded',
  'format',
  'age',
  'language',
  'window',
  'group_size',
]

export interface ConstraintCheck {
  constraint: HardConstraint
  ok: boolean
}

export interface Feasibility {
  feasible: boolean
  /** Failed constraints in HARD_CONSTRAINTS order (empty when feasible). */
  failed: HardConstraint[]
  /** Every constraint with its outcome, in HARD_CONSTRAINTS order. */
  checks: ConstraintCheck[]
}

const SEP = '\u0000'

/** Set of (duren id, jinhua id) pairs keyed by strings; ids may be interest or institution ids. */
export class PairSet {
  private readonly keys = new Set<string>()
  private readonly list: [string, string][] = []
  constructor(pairs: Iterable<readonly [string, string]> = []) {
    for (const [a, b] of pairs) this.add(a, b)
  }
  add(a: string, b: string): void {
    const k = a + SEP + b
    if (this.keys.has(k)) return
    this.keys.add(k)
    this.list.push([a, b])
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.list[Symbol.iterator]()
  }
  get size(): number {
    return this.keys.size
  }
  has(a: string, b: string): boolean {
    return this.keys.has(a + SEP + b)
  }
}

/** A pair is excluded when listed by interest ids or by institution ids (e.g. already partners). */
export function isExcluded(excluded: PairSet | undefined, a: MatchInterest, b: MatchInterest): boolean {
  if (!excluded || excluded.size === 0) return false
  return excluded.has(a.id, b.id) || excluded.has(a.institutionId, b.institutionId)
}

export function bothVirtual(a: PreparedInterest, b: PreparedInterest): boolean {
  return a.virtual && b.virtual
}

export function formatOk(a: PreparedInterest, b: PreparedInterest): boolean {
  return (a.virtual && b.virtual) || (a.hostMask & b.visitMask) !== 0 || (b.hostMask & a.visitMask) !== 0
}

export function ageOk(a: PreparedInterest, b: PreparedInterest): boolean {
  return a.ageMin <= b.ageMax && b.ageMin <= a.ageMax
}

export function languageOk(a: PreparedInterest, b: PreparedInterest): boolean {
  return (a.langMask & b.langMask) !== 0
}

/** Longest overlap in days (inclusive) between any window of a and any of b; <= 0 means none. */
export function bestOverlapDays(a: PreparedInterest, b: PreparedInterest): number {
  let best = 0
  const wa = a.windows
  const wb = b.windows
  for (let i = 0; i < wa.length; i += 2) {
    for (let j = 0; j < wb.length; j += 2) {
      const o = Math.min(wa[i + 1]!, wb[j + 1]!) - Math.max(wa[i]!, wb[j]!) + 1
      if (o > best) best = o
    }
  }
  return best
}

/** Windows must overlap for at least the shorter of the two minimum durations (and >= 1 day). */
export function windowOk(a: PreparedInterest, b: PreparedInterest): boolean {
  if (bothVirtual(a, b)) return true
  const need = Math.max(1, Math.min(a.durationMinDays, b.durationMinDays))
  return bestOverlapDays(a, b) >= need
}

/**
 * The visiting group's groupMin must fit the host's hostingCapacity in at least one hosted arrangement.
 * Not applicable (ok) for virtual pairs and when no hosted arrangement exists (that is a format failure).
 */
export function groupSizeOk(a: PreparedInterest, b: PreparedInterest): boolean {
  if (bothVirtual(a, b)) return true
  const aHosts = (a.hostMask & b.visitMask) !== 0
  const bHosts = (b.hostMask & a.visitMask) !== 0
  if (!aHosts && !bHosts) return true
  return (aHosts && b.groupMin <= a.hostingCapacity) || (bHosts && a.groupMin <= b.hostingCapacity)
}

/** Hot-path feasibility without the exclusion check (callers do that with integer keys). */
export function feasiblePrepared(a: PreparedInterest, b: PreparedInterest): boolean {
  return formatOk(a, b) && ageOk(a, b) && languageOk(a, b) && windowOk(a, b) && groupSizeOk(a, b)
}

export function checkPrepared(a: PreparedInterest, b: PreparedInterest, excluded?: PairSet): Feasibility {
  const outcome: Record<HardConstraint, boolean> = {
    excluded: !isExcluded(excluded, a.src, b.src),
    format: formatOk(a, b),
    age: ageOk(a, b),
    language: languageOk(a, b),
    window: windowOk(a, b),
    group_size: groupSizeOk(a, b),
  }
  const checks = HARD_CONSTRAINTS.map((constraint) => ({ constraint, ok: outcome[constraint] }))
  const failed = checks.filter((c) => !c.ok).map((c) => c.constraint)
  return { feasible: failed.length === 0, failed, checks }
}

/** Hard-constraint check of a (duren) against b (jinhua), reporting every constraint's outcome. */
export function checkPair(
  a: MatchInterest,
  b: MatchInterest,
  options: { excluded?: PairSet } = {},
): Feasibility {
  return checkPrepared(prepareInterest(a), prepareInterest(b), options.excluded)
}
