import type { Side } from '@dj/db'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'

/**
 * The side a reporting request is about: officers are pinned to their own side (asking for the
 * other side is refused), admins pick one with `?side=` or get every side (null).
 */
export function reportingSide(p: Actor, requested: Side | undefined): Side | null {
  if (p.role === 'admin') return requested ?? null
  if (p.role !== 'officer' || !p.side) throw new Errors.Forbidden()
  if (requested && requested !== p.side) throw new Errors.Forbidden()
  return p.side
}
