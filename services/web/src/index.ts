// The web's entry, the same shape as every service's: `buildApp` builds, server.ts starts and stops.
export { type BuildOptions, buildApp, type WebApp } from './app.js'
export { loadWebConfig, type WebConfig, WebEnv } from './config.js'
