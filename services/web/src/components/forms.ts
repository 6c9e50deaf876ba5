/** Forms: their state (values, errors, what the API said) and their accessible fields. */
export * from './fields.js'
export * from './form-state.js'
