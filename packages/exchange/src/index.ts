// The exchange itself (issue 13), as pure domain logic: the trip plan and its checklist, the visa
// invitation letter's text, funding programmes with their fit rules and budget estimates, and the
// report after the exchange. No I/O: the API, the scheduler and the web wire it.
export * from './funding/index.js'
export * from './impact.js'
export * from './renew.js'
export * from './report/index.js'
export * from './trip/index.js'
export * from './visa/index.js'
