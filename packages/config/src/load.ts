import { randomBytes } from 'node:crypto'
import type { Static, TObject } from 'typebox'
import Value from 'typebox/value'
import { readEnvFile } from './env-file.js'
import { ConfigError } from './errors.js'

export interface LoadOptions {
  /** Environment to read; defaults to process.env. */
  env?: Record<string, string | undefined>
  /** Optional dotenv file merged under the environment. */
  envFile?: string | false
  /** Called once with a warning line, e.g. when dev secrets are generated. */
  warn?: (message: string) => void
}

/** Marks a schema property as a secret: no default, generated only in development. */
export const SECRET = 'x-secret'

/**
 * Reads config once, validates it against the schema that also gives its type,
 * and throws one ConfigError naming every offending variable.
 */
export function loadConfig<S extends TObject>(schema: S, options: LoadOptions = {}): Static<S> {
  const fromFile = options.envFile === false ? {} : readEnvFile(options.envFile ?? '.env')
  const raw: Record<string, unknown> = { ...fromFile }
  for (const [key, value] of Object.entries(options.env ?? process.env)) {
    if (value !== undefined && value !== '') raw[key] = value
  }
  const input: Record<string, unknown> = {}
  for (const key of Object.keys(schema.properties)) if (key in raw) input[key] = raw[key]

  const isDev = (raw['NODE_ENV'] ?? 'development') !== 'production'
  const generated: string[] = []
  for (const [key, prop] of Object.entries(schema.properties)) {
    const isSecret = (prop as Record<string, unknown>)[SECRET] === true
    if (isSecret && input[key] === undefined && isDev) {
      input[key] = randomBytes(32).toString('base64url')
      generated.push(key)
    }
  }

  const converted = Value.Default(schema, Value.Convert(schema, input))
  const problems = [...Value.Errors(schema, converted)].map((e) => ({
    variable: variableOf(e.instancePath, e.params),
    message: e.message,
  }))
  if (problems.length > 0) throw new ConfigError(dedupe(problems))
  if (generated.length > 0) {
    ;(options.warn ?? console.warn)(
      `!!! DEVELOPMENT MODE: generated throw-away secrets for ${generated.join(', ')}. ` +
        'Sessions will not survive a restart. Set them (and NODE_ENV=production) for any real deployment.',
    )
  }
  return converted as Static<S>
}

function variableOf(instancePath: string, params: unknown): string {
  const fromPath = instancePath.replace(/^\//, '').split('/')[0]
  if (fromPath) return fromPath
  const missing = (params as { requiredProperties?: string[] } | undefined)?.requiredProperties
  return missing?.join(', ') ?? '(root)'
}

function dedupe(problems: { variable: string; message: string }[]) {
  const byVariable = new Map<string, string[]>()
  for (const p of problems) {
    const list = byVariable.get(p.variable) ?? []
    if (!list.includes(p.message)) list.push(p.message)
    byVariable.set(p.variable, list)
  }
  return [...byVariable].map(([variable, messages]) => ({ variable, message: messages.join('; ') }))
}
