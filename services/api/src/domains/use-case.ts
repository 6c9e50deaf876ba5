import type { Db, DbOrTx } from '@dj/db'
import type { Producers } from '@dj/queue'
import type { Role } from '@dj/vocabulary'
import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { Value } from 'typebox/value'
import type { PasswordPolicy } from './accounts/passwords.js'
import type { SessionChanged } from './accounts/session-state.js'
import type { SessionDeps } from './accounts/sessions.js'
import type { Actor } from './actor.js'
import { Errors, type FieldProblem, FieldsError } from './errors.js'

/**
 * Everything a use case may depend on besides the database, built once per app from its config
 * (src/plugins/use-cases.ts). A use case names the ones it needs, so a test passes only those.
 */
export interface Deps {
  /** Key the single-use links of verification, reset and invitation mails are derived with. */
  linkSecret: string
  emailTokenTtlHours: number
  passwords: PasswordPolicy
  sessions: SessionDeps
  /** Partnerships start when both coordinators accept, without the offices' confirmation. */
  autoConfirm: boolean
  /** ORGANIZER of meeting and visit invitations. */
  organizerEmail: string
  /** The web front end's public URL (links in the inbox). */
  webUrl: string
  producers: Producers
  /** Limits of partner messages' attachments (WORKSPACE_ATTACHMENT_*). */
  attachments: AttachmentLimits
}

export interface AttachmentLimits {
  maxBytes: number
  /** Media types allowed, as detected from the bytes. */
  mediaTypes: readonly string[]
}

/** Who may run a use case: anyone (sign-up, login), any signed-in actor, or actors of these roles. */
export type Caller = 'anyone' | 'actor' | readonly Role[]
type ActorOf<C extends Caller> = C extends 'anyone' ? Actor | null : Actor

export interface UseCaseContext<I, C extends Caller, N extends keyof Deps> {
  input: I
  actor: ActorOf<C>
  /** The use case's transaction, or the database when it declared `transaction: false`. */
  db: DbOrTx
  deps: Pick<Deps, N>
  /** Recorded in the audit trail (absent outside HTTP). */
  requestId: string | undefined
  /** Reports a user whose session state this use case changes (see SessionChanged). */
  sessionChanged: SessionChanged
}

export interface UseCaseSpec<S extends TSchema, C extends Caller, N extends keyof Deps, O> {
  /** `domain.action`, e.g. `registry.registerInstitution`. */
  name: string
  input: S
  caller: C
  needs?: readonly N[]
  /**
   * true: the whole use case runs in one transaction (every write with its outbox and audit rows).
   * false: reads only, or work that must not hold a transaction open (waiting for a time floor).
   */
  transaction: boolean
  run(ctx: UseCaseContext<Static<S>, C, N>): Promise<O>
}

export interface UseCaseEnv<N extends keyof Deps = keyof Deps> {
  db: Db
  deps: Pick<Deps, N>
  /**
   * Where the users reported by `sessionChanged` go once the use case settled: the API drops
   * its cached session states and tells its other instances. Absent where no cache exists.
   */
  sessionsChanged?: (userIds: readonly string[]) => Promise<void>
}

export interface UseCaseCall<I> {
  actor: Actor | null
  input: I
  requestId?: string
}

export interface UseCase<I, N extends keyof Deps, O> {
  readonly name: string
  readonly input: TSchema
  readonly caller: Caller
  execute(env: UseCaseEnv<N>, call: UseCaseCall<I>): Promise<O>
}

/** TypeBox's error paths (`/a/0/b`) as the dotted field names of our problem answers. */
function fieldProblems(errors: Iterable<{ instancePath: string; message: string; params?: unknown }>) {
  const out: FieldProblem[] = []
  for (const e of errors) {
    const params = (e.params ?? {}) as { requiredProperties?: string[]; additionalProperties?: string[] }
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.')
    const leaf = params.requiredProperties?.[0] ?? params.additionalProperties?.[0]
    out.push({ field: [path, leaf].filter(Boolean).join('.') || '(input)', message: e.message })
  }
  return out
}

/**
 * Builds a use case: one function of the domain with its input schema, the caller it accepts, the
 * dependencies it needs and whether it runs in a transaction. Every caller (HTTP route, CLI,
 * test) goes through `execute`, which checks the caller and the input before `run` sees them.
 */
export function useCase<
  const S extends TSchema,
  const C extends Caller,
  O,
  const N extends keyof Deps = never,
>(spec: UseCaseSpec<S, C, N, O>): UseCase<Static<S>, N, O> {
  const validator = Compile(spec.input)
  return {
    name: spec.name,
    input: spec.input,
    caller: spec.caller,
    async execute(env, call) {
      const { actor } = call
      if (spec.caller !== 'anyone') {
        if (!actor) throw new Errors.Unauthenticated()
        if (Array.isArray(spec.caller) && !spec.caller.includes(actor.role)) throw new Errors.Forbidden()
      }
      const input = Value.Default(spec.input, Value.Clone(call.input)) as Static<S>
      if (!validator.Check(input)) throw new FieldsError(fieldProblems(validator.Errors(input)))
      const changed = new Set<string>()
      const run = (db: DbOrTx) =>
        spec.run({
          input,
          actor: actor as ActorOf<C>,
          db,
          deps: env.deps,
          requestId: call.requestId,
          sessionChanged: (userId) => changed.add(userId),
        })
      try {
        return await (spec.transaction ? env.db.transaction(run) : run(env.db))
      } finally {
        // Here the use case's own transaction has committed (or rolled back), and so has any
        // the use case opened itself. Published even when it failed: one that commits and then
        // refuses (a reused refresh token) must be heard, and a needless drop costs one read.
        if (changed.size > 0) await env.sessionsChanged?.([...changed])
      }
    },
  }
}

/** The input of a use case (for tests and callers that build it by hand). */
export type InputOf<U> = U extends UseCase<infer I, keyof Deps, unknown> ? I : never
