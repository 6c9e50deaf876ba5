import { defineError } from '../errors.js'

export const ReportErrors = {
  Filed: defineError('REPORT_FILED', 'conflict', 'this report is filed; it is not edited any more'),
  NotYours: defineError(
    'REPORT_NOT_YOURS',
    'forbidden',
    'only the reporting institution’s coordinators edit it',
  ),
}
