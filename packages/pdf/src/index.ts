/**
 * The agreement as a PDF (issue 12): A4, the languages side by side, one embedded CJK font
 * (Noto Sans SC, OFL-1.1, from the npm registry; subset on embedding), the signature block and a
 * verification footer with the version hash. Not pure: it reads the font file.
 */
export { type AgreementPdfInput, agreementPdf, renderAgreementPdf } from './agreement-pdf.js'
export { type BudgetPdfInput, renderBudgetPdf } from './budget-pdf.js'
export { FONT_FILE, FONT_LICENSE, fontBytes, missingGlyphs } from './font.js'
export { A4 } from './layout.js'
export { type ReportPdfInput, renderReportPdf } from './report-pdf.js'
export {
  renderVisaLetterPdf,
  type VisaLetterPdfInput,
  type VisaLetterVersionText,
} from './visa-letter-pdf.js'
