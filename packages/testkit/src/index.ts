export { createTestDatabase, type TestDatabase } from './database.js'
export { createTcpProxy, type TcpProxy } from './proxy.js'
export { createTestRedis, TEST_REDIS_URL, type TestRedis } from './redis.js'
export { waitFor } from './wait.js'
