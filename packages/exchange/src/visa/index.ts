export { type LetterLanguage, VISA_SOURCES, type VisaKey, visaText } from './catalogs.js'
export { hostFromAgreement } from './from-agreement.js'
export { type PlanFacts, planFacts } from './from-plan.js'
export {
  ACCOMMODATION_KINDS,
  type AccommodationKind,
  COST_BEARERS,
  type CostBearer,
  HOST_SIDE,
  type InstitutionNames,
  LETTER_LANGUAGES,
  type LetterTable,
  type LetterVersion,
  type Localized,
  localized,
  nameIn,
  VISA_OF,
  type VisaKind,
  type VisaLetter,
  type VisaLetterInput,
  visaLetter,
} from './letter.js'
export {
  MAX_TRAVELLERS,
  PASSPORT_PATTERN,
  SEXES,
  type Sex,
  type TravellerProblem,
  travellerProblems,
  VisaTraveller,
  VisaTravellers,
} from './travellers.js'
