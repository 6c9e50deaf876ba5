/** Coded errors of the notifier (prefix NOTIFY_). */
export class NotifierError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'NotifierError'
  }
}

/** SMTP refused for good (5xx, bad address): recorded as a failed delivery, not retried. */
export class PermanentSendError extends NotifierError {
  constructor(message: string, cause?: unknown) {
    super('NOTIFY_SEND_PERMANENT', message, { cause })
  }
}

/** SMTP unreachable or 4xx: the job is retried with backoff. */
export class TransientSendError extends NotifierError {
  constructor(message: string, cause?: unknown) {
    super('NOTIFY_SEND_TRANSIENT', message, { cause })
  }
}

/** Another process holds the delivery's send lease; retry after it expires. */
export class LeaseHeldError extends NotifierError {
  constructor(key: string) {
    super('NOTIFY_LEASE_HELD', `delivery ${key} is being sent by another worker`)
  }
}
