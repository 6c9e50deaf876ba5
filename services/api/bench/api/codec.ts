/**
 * JSON with the parameter values postgres.js accepts that JSON cannot carry (Date, Buffer,
 * bigint), so recorded statements reach the bare server's process with the very same values.
 */
const TAG = '$bench'

export function encode(value: unknown): string {
  return JSON.stringify(value, function (key, v) {
    // `this[key]` is the value before Date#toJSON turned it into a string.
    const original = (this as Record<string, unknown>)[key]
    if (original instanceof Date) return { [TAG]: 'date', v: original.toISOString() }
    if (typeof original === 'bigint') return { [TAG]: 'bigint', v: original.toString() }
    if (Buffer.isBuffer(original) || original instanceof Uint8Array)
      return { [TAG]: 'bytes', v: Buffer.from(original).toString('base64') }
    return v
  })
}

export function decode<T>(text: string): T {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && TAG in v) {
      const { [TAG]: kind, v: raw } = v as { [TAG]: string; v: string }
      if (kind === 'date') return new Date(raw)
      if (kind === 'bigint') return BigInt(raw)
      if (kind === 'bytes') return Buffer.from(raw, 'base64')
    }
    return v
  }) as T
}
