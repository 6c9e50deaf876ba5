/** Thrown when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID'
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}
