import {
  type MatchInterest,
  type Proposal,
  runBothPolicies,
  type ScoringWeights,
  type Side,
} from '@dj/matching'

/** Everything a round needs, loaded from the database; ordered so the result is deterministic. */
export interface RoundInput {
  interests: MatchInterest[]
  /** (duren, jinhua) pairs of interest ids or institution ids. */
  excluded: [string, string][]
  /** Institution pairs that were partners before (continuation bonus). */
  previousPartners: [string, string][]
  /**
   * Interest pairs that already use capacity (partnerships, live proposals), in priority order;
   * pairs beyond an interest's capacity are excluded instead of locked.
   */
  committed: [string, string][]
}

export interface ComputedRound {
  proposals: Proposal[]
  lockedPairs: number
  summary: {
    interests: { duren: number; jinhua: number }
    interestsMatched: number
    proposals: number
    lockedPairs: number
    totalScore: number
    meanScore: number
    tradeOff: { stableTotal: number; welfareTotal: number; stableGivesUp: number }
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/**
 * Splits committed pairs into locked (within capacity, both interests in the round) and excluded
 * (over capacity: they must not be proposed again while they are live).
 */
export function planCommitted(input: RoundInput): {
  locked: [string, string][]
  excluded: [string, string][]
} {
  const cap = new Map(input.interests.map((x) => [x.id, x.capacity]))
  const excludedKeys = new Set(input.excluded.map(([a, b]) => `${a}|${b}`))
  const inst = new Map(input.interests.map((x) => [x.id, x.institutionId]))
  const seen = new Set<string>()
  const locked: [string, string][] = []
  const excluded: [string, string][] = []
  for (const [a, b] of input.committed) {
    const k = `${a}|${b}`
    if (seen.has(k) || excludedKeys.has(k)) continue
    seen.add(k)
    const ca = cap.get(a)
    const cb = cap.get(b)
    const blocked = excludedKeys.has(`${inst.get(a)}|${inst.get(b)}`)
    if (ca !== undefined && cb !== undefined && ca > 0 && cb > 0 && !blocked) {
      cap.set(a, ca - 1)
      cap.set(b, cb - 1)
      locked.push([a, b])
    } else {
      excluded.push([a, b])
    }
  }
  return { locked, excluded }
}

/**
 * Runs both policies on the same candidates (so the officer sees what stability costs) and keeps
 * the chosen policy's new proposals; locked pairs already exist and are not proposed again.
 */
export function computeRound(
  input: RoundInput,
  options: { policy: 'stable' | 'welfare'; proposer: Side; weights: ScoringWeights },
): ComputedRound {
  const plan = planCommitted(input)
  const both = runBothPolicies(input.interests, {
    proposer: options.proposer,
    weights: options.weights,
    excluded: [...input.excluded, ...plan.excluded],
    previousPartners: input.previousPartners,
    locked: plan.locked,
  })
  const chosen = options.policy === 'stable' ? both.stable : both.welfare
  const proposals = chosen.proposals.filter((p) => !p.locked)
  const matched = new Set<string>()
  let total = 0
  for (const p of proposals) {
    matched.add(p.aId)
    matched.add(p.bId)
    total += p.score
  }
  const stableTotal = both.stable.summary.totalScore
  const welfareTotal = both.welfare.summary.totalScore
  return {
    proposals,
    lockedPairs: plan.locked.length,
    summary: {
      interests: { duren: chosen.stats.duren, jinhua: chosen.stats.jinhua },
      interestsMatched: matched.size,
      proposals: proposals.length,
      lockedPairs: plan.locked.length,
      totalScore: round6(total),
      meanScore: proposals.length === 0 ? 0 : round6(total / proposals.length),
      tradeOff: { stableTotal, welfareTotal, stableGivesUp: round6(welfareTotal - stableTotal) },
    },
  }
}
