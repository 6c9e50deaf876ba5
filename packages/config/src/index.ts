export { ConfigError } from './errors.js'
export { loadConfig, SECRET, type LoadOptions } from './load.js'
export { CommonEnv, LogLevel, NodeEnv, Port, PostgresUrl, RedisUrl, Secret } from './fields.js'
