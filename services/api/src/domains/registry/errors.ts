import { defineError } from '../errors.js'

/** Registry-specific answers; the problem handler turns them into problem+json like all others. */
export const RegistryErrors = {
  ImportMalformed: defineError('REGISTRY_IMPORT_MALFORMED', 'invalid', 'The import file cannot be read: %s'),
  ImportTooLarge: defineError('REGISTRY_IMPORT_TOO_LARGE', 'too_large', 'The import file is too large: %s'),
}
