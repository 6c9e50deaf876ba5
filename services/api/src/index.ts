// The API's public entry: what the test fixtures of @dj/stack build on. Services never import it.
export { type App, type BuildOptions, buildApp } from './app.js'
export { type ApiConfig, ApiEnv, loadApiConfig } from './config.js'
export { createStaffUser, type NewStaff } from './domains/accounts/create-staff.js'
export { hashPassword } from './domains/accounts/passwords.js'
export { type DemoLoadResult, loadDemoPopulation } from './domains/registry/demo-load.js'
export { handleRegistryEvent } from './domains/registry/import-job.js'
