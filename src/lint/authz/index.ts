export * from './model.js';
export {
  evaluate,
  matchingRule,
  ruleMatches,
  attribute,
  header,
  type Decision,
  type EvaluateOptions,
} from './evaluate.js';
export {
  authenticate,
  requestAuthnFrom,
  type AuthnResult,
  type Jwt,
  type JwtRule,
  type RequestAuthn,
  type TokenLocation,
} from './authn.js';
export { istioMatch, witnessOf } from './match.js';
export { allowWitnesses, ruleWitnesses } from './witness.js';
