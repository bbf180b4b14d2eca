export { bundleDirectory } from "../bundle-directory.js";
export {
  bundlePaths,
  type DeployedFunction,
  deployedFunctions,
  type FunctionId,
  type FunctionName,
  type FunctionTrigger,
  functionIds,
  type RouterFunctionId,
  routerFunctionIds,
} from "./deployed-functions.js";
export { environmentTable } from "./environment-table.js";
export {
  declarationOf,
  environmentVariables,
  isRequiredBy,
  type VariableDeclaration,
  type VariableName,
  variableNames,
  variablesReadBy,
} from "./environment-variables.js";
export { functionEnvironment } from "./function-environment.js";
export type {
  AnySettings,
  FunctionSettings,
  SettingKey,
  SettingValue,
  VariableReadBy,
  VariableRequiredBy,
} from "./function-settings.js";
export {
  type AnsweringAgent,
  answeringAgents,
  type DegradationCause,
  defaultMetricsNamespace,
  degradationCauses,
  type MetricDeclaration,
  type MetricKey,
  metricCatalog,
  metricsServiceName,
} from "./metric-catalog.js";
export {
  describeSecretReference,
  minManagedSecretBytes,
  parseSecretReference,
  rawNumberReference,
  type SecretReference,
} from "./secret-reference.js";
export {
  allowedValues,
  callingCodePattern,
  resourceIdPattern,
  tableNamePattern,
  type ValueOfType,
  type VariableType,
} from "./variable-types.js";
