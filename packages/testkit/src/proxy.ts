import net from 'node:net'

export interface TcpProxy {
  port: number
  /** Cuts every connection and refuses new ones: the dependency looks down. */
  down(): Promise<void>
  /** Accepts connections again on the same port. */
  up(): Promise<void>
  /** Delays every answer of the service by `ms` from now on (0: no delay): a slow dependency. */
  slow(ms: number): void
  /** Answers held back by `slow` right now (a request is waiting on the service). */
  readonly delayed: number
  close(): Promise<void>
}

/**
 * A loopback TCP proxy in front of a real local service, so tests can take PostgreSQL or
 * Redis "down" for one app without touching the shared server.
 */
export async function createTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>()
  let server: net.Server
  let port = 0
  let delayMs = 0
  let delayed = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(targetPort, targetHost)
        sockets.add(client)
        sockets.add(upstream)
        const drop = () => {
          client.destroy()
          upstream.destroy()
          sockets.delete(client)
          sockets.delete(upstream)
        }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
        client.pipe(upstream)
        // Answers keep their order: each waits for the one before it.
        let last = Promise.resolve()
        upstream.on('data', (chunk: Buffer) => {
          if (delayMs === 0 && delayed === 0) {
            client.write(chunk)
            return
          }
          const wait = delayMs
          delayed += 1
          last = last
            .then(() => new Promise<void>((r) => setTimeout(r, wait)))
            .then(() => {
              delayed -= 1
              if (!client.destroyed) client.write(chunk)
            })
        })
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as net.AddressInfo).port
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      sockets.clear()
      server.close(() => resolve())
    })
  await listen()
  return {
    get port() {
      return port
    },
    down: stop,
    up: listen,
    close: stop,
    slow(ms: number) {
      delayMs = ms
    },
    get delayed() {
      return delayed
    },
  }
}
