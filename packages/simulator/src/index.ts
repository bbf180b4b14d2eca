export {
  AgentFloor,
  type AgentFloorOptions,
  type ContactAssignment,
} from "./agents/agent-floor.js";
export type { AgentSpec, SimAgent, SimChannel } from "./agents/sim-agent.js";
export { SimulatedClock } from "./clock/simulated-clock.js";
export {
  type ApiQuota,
  type ConnectApiName,
  connectApiNames,
} from "./connect-emulator/connect-api.js";
export {
  ConnectEmulator,
  type ConnectEmulatorOptions,
  type ConnectEmulatorStats,
} from "./connect-emulator/connect-emulator.js";
export type { FaultRule } from "./connect-emulator/fault-rule.js";
export { type EmbeddedDynamoDb, startEmbeddedDynamoDb } from "./dynamodb/embedded-dynamodb.js";
export { ensureTable } from "./dynamodb/ensure-table.js";
export {
  AgentEventStream,
  type AgentEventStreamOptions,
  type AgentEventStreamStats,
} from "./instance/agent-event-stream.js";
export {
  type ConnectAffinitySettings,
  connectAffinitySystem,
} from "./instance/connect-affinity-system.js";
export type { LambdaCounters } from "./instance/function-counters.js";
export {
  type BundleName,
  bundleNames,
  type LoadedHandlers,
  loadHandlerBundles,
} from "./instance/handler-bundles.js";
export type {
  FunctionTrigger,
  InstalledSystem,
  InstanceSite,
  InstanceSystem,
  ScheduledFunction,
  SystemFunction,
  TriggeredFunction,
} from "./instance/instance-system.js";
export { ScheduledInvocations } from "./instance/scheduled-invocations.js";
export {
  buildSimulatedInstance,
  type ContactInProgress,
  type RunHooks,
  type SimulatedInstance,
  type SimulatedInstanceSpec,
  type TimeWindow,
} from "./instance/simulated-instance.js";
export {
  type ContactResult,
  type SimulatedCall,
  type SimulationClock,
  type SimulationDeps,
  simulate,
} from "./instance/simulation.js";
export type {
  AgentFloorPort,
  FloorAgent,
  FloorAssignment,
} from "./interpreter/agent-floor-port.js";
export type {
  ActionErrorReason,
  ContactExecution,
  ContactInput,
  ContactOutcome,
  QueueDefinition,
  TraceStep,
  WorkingQueue,
} from "./interpreter/contact.js";
export {
  ContactQueues,
  defaultQueueLimits,
  type QueueEvent,
  type QueueLimits,
} from "./interpreter/contact-queues.js";
export { FlowRefusedError } from "./interpreter/errors.js";
export {
  FlowInterpreter,
  type FlowInterpreterDeps,
  type InterpreterTiming,
  type StepResult,
} from "./interpreter/flow-interpreter.js";
export type { LambdaFunction, LambdaFunctions } from "./interpreter/lambda-function.js";
export { pathLine } from "./report/path-line.js";
export type {
  ContactReport,
  LastAgentMatch,
  ReportOutcome,
  RunReport,
  RunSummary,
  SecondsSummary,
} from "./report/run-report.js";
export { type RunOptions, runScenario } from "./runner/run-scenario.js";
export { loadScenario, parseScenario } from "./scenario/load-scenario.js";
export { ScenarioError, type ScenarioIssue } from "./scenario/scenario-error.js";
export {
  type PlannedAgent,
  type PlannedCall,
  planScenario,
  type ScenarioPlan,
  uuidOf,
} from "./scenario/scenario-plan.js";
export { type Scenario, type ScenarioInput, scenarioSchema } from "./scenario/scenario-schema.js";
