/**
 * The servers under load run as child processes, as in production: each has its own event loop,
 * and neither shares one with the load generator (autocannon in the bench's process).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export interface Server {
  url: string
  pid: number
  stop(): Promise<void>
}

/** A port nobody listens on right now (the child binds it moments later). */
export async function freePort(): Promise<number> {
  const s = createServer()
  s.listen(0, '127.0.0.1')
  await once(s, 'listening')
  const address = s.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise((r) => s.close(r))
  return port
}

/** Starts `node --import tsx <entry>` and waits until `healthPath` answers 200. */
export async function startServer(
  entry: string,
  env: Record<string, string>,
  port: number,
  healthPath = '/health',
): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000)
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}: ${stderr}`)
    try {
      const res = await fetch(url + healthPath)
      if (res.status === 200) return { url, pid: child.pid!, stop }
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  await stop()
  throw new Error(`${entry} did not become healthy within 30 s: ${stderr}`)
}
