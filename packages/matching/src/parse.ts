import { invalidInput } from './errors.js'
import type { Agent, Edge, Instance } from './instance.js'

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function parsePairs(x: unknown, field: string): [string, string][] | undefined {
  if (x === undefined) return undefined
  if (!Array.isArray(x)) throw invalidInput(field, 'must be an array of [a, b] pairs')
  return x.map((p, k) => {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || typeof p[1] !== 'string') {
      throw invalidInput(`${field}[${k}]`, 'must be a pair of two id strings')
    }
    return [p[0], p[1]]
  })
}

function parseAgents(x: unknown, side: string): Agent[] {
  if (!Array.isArray(x)) throw invalidInput(side, 'must be an array of agents')
  return x.map((raw, i) => {
    if (!isRecord(raw)) throw invalidInput(`${side}[${i}]`, 'must be an object')
    if (typeof raw.id !== 'string') throw invalidInput(`${side}[${i}].id`, 'must be a string')
    const agent: Agent = { id: raw.id }
    if (raw.capacity !== undefined) {
      if (typeof raw.capacity !== 'number') throw invalidInput(`${side}[${i}].capacity`, 'must be a number')
      agent.capacity = raw.capacity
    }
    if (raw.prefs !== undefined) {
      const prefs = raw.prefs
      if (!Array.isArray(prefs) || prefs.some((p) => typeof p !== 'string')) {
        throw invalidInput(`${side}[${i}].prefs`, 'must be an array of id strings')
      }
      agent.prefs = prefs as string[]
    }
    return agent
  })
}

function parseEdges(x: unknown): Edge[] {
  if (x === undefined) return []
  if (!Array.isArray(x)) throw invalidInput('edges', 'must be an array')
  // Validated in place and returned as is: copying 600k edge objects costs more than the check.
  for (let k = 0; k < x.length; k++) {
    const e = x[k]
    if (!isRecord(e) || typeof e.a !== 'string' || typeof e.b !== 'string' || typeof e.weight !== 'number') {
      throw invalidInput(`edges[${k}]`, 'must be {a: string, b: string, weight: number}')
    }
  }
  return x as Edge[]
}

/** Shape-checks an already JSON-parsed instance; ids and capacities are checked by compileInstance. */
export function parseInstance(raw: unknown): Instance {
  if (!isRecord(raw)) throw invalidInput('$', 'instance must be a JSON object')
  const inst: Instance = {
    A: parseAgents(raw.A, 'A'),
    B: parseAgents(raw.B, 'B'),
    edges: parseEdges(raw.edges),
  }
  const locked = parsePairs(raw.locked, 'locked')
  if (locked) inst.locked = locked
  const excluded = parsePairs(raw.excluded, 'excluded')
  if (excluded) inst.excluded = excluded
  return inst
}
