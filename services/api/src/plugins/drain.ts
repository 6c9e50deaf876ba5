import fp from 'fastify-plugin'

/**
 * On shutdown Fastify stops accepting connections and waits for the open ones to end, but a
 * keep-alive connection whose request was in flight stays open after its answer (up to the
 * 72 s keep-alive timeout), past the process's shutdown deadline. Answers sent while closing
 * therefore say `Connection: close`, so the in-flight requests finish and the process exits.
 */
export const drainPlugin = fp(
  async (app) => {
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
    })
    app.addHook('onSend', async (_request, reply) => {
      if (closing) void reply.header('connection', 'close')
    })
  },
  { name: 'drain', fastify: '5.x' },
)
