export { ConfigError } from './errors.js'
export { CommonEnv, EmailLinkEnv, LogLevel, NodeEnv, Port, PostgresUrl, RedisUrl, Secret } from './fields.js'
export { type LoadOptions, loadConfig, SECRET } from './load.js'
