// The reusable parts, for other Pulumi projects: `@connect-affinity/infra/component`.
export { AffinityMonitoring, type AffinityMonitoringArgs } from "./affinity-monitoring.js";
export { AgentEventPresence, type AgentEventPresenceArgs } from "./agent-event-presence.js";
export {
  type CallerKeySecretInput,
  CallerKeySecrets,
  type CallerKeySecretsArgs,
} from "./caller-key-secrets.js";
export { DemoContactCenter, type DemoContactCenterArgs } from "./demo-contact-center.js";
export {
  InstanceArnError,
  MissingBundleError,
  StackConfigError,
  StickyAgentRoutingArgsError,
} from "./errors.js";
export { type FunctionName, flowFunctions, functionNames } from "./function-catalog.js";
export {
  type FlowFunctionAccess,
  type ManagedSecretArgs,
  type PresenceArgs,
  type RoutingFunction,
  StickyAgentRouting,
  type StickyAgentRoutingArgs,
} from "./sticky-agent-routing.js";
