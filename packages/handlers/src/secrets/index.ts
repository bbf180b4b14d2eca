// `@connect-affinity/handlers/secrets`: how the functions fetch the caller-key secret, for the
// admin tool, which must hash a caller exactly as they do.

export { ConfigurationError, SecretUnavailableError } from "../errors.js";
export {
  describeSecretReference,
  parseSecretReference,
  rawNumberReference,
  type SecretReference,
} from "../manifest/secret-reference.js";
export { type CallerKeySources, type CallerKeys, loadCallerKeys } from "./caller-keys.js";
export {
  fetchSecret,
  minManagedSecretBytes,
  readSecret,
  type SecretReader,
  type SecretValue,
} from "./fetch-secret.js";
