import createError from '@fastify/error'

/** Registry-specific answers; the problem handler turns them into problem+json like all others. */
export const RegistryErrors = {
  ImportMalformed: createError('REGISTRY_IMPORT_MALFORMED', 'The import file cannot be read: %s', 400),
  ImportTooLarge: createError('REGISTRY_IMPORT_TOO_LARGE', 'The import file is too large: %s', 413),
}
