/** Errors of the demo generator carry a stable `DEMO_` code. */
export type DemoErrorCode = 'DEMO_INVALID_OPTIONS'

export class DemoError extends Error {
  readonly code: DemoErrorCode
  constructor(code: DemoErrorCode, message: string) {
    super(`${code}: ${message}`)
    this.name = 'DemoError'
    this.code = code
  }
}
