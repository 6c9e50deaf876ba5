import { existsSync, readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

/**
 * Reads an optional `.env` file for local work. Real environment variables win over the file,
 * so a deployment never gets surprised by a stray file.
 */
export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {}
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>
}
