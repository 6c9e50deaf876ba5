export { DemoError, type DemoErrorCode } from './errors.js'
export {
  DEMO_KEY_PREFIX,
  type DemoInstitution,
  type DemoInterest,
  type DemoPopulation,
  FORMATS,
  type GenerateOptions,
  generateDemoPopulation,
  TOPICS,
} from './generate.js'
export { createRandom, type Random } from './random.js'
