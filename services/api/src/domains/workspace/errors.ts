import { defineError } from '../errors.js'

export const WorkspaceErrors = {
  AttachmentTooLarge: defineError('ATTACHMENT_TOO_LARGE', 'too_large', 'the file is larger than %s bytes'),
  AttachmentTypeRefused: defineError(
    'ATTACHMENT_TYPE_REFUSED',
    'unsupported_type',
    'files of this type cannot be sent (detected from its content: %s)',
  ),
  AttachmentEmpty: defineError('ATTACHMENT_EMPTY', 'invalid', 'the file is empty'),
  OfficersRead: defineError(
    'WORKSPACE_READ_ONLY',
    'forbidden',
    'only the two institutions write here; the county offices read',
  ),
  NotForAdmins: defineError(
    'WORKSPACE_PARTNERS_ONLY',
    'forbidden',
    'the workspace and its messages are the partnership’s own: its two institutions and the two county offices',
  ),
}
