export {
  type AgentEventJson,
  type AgentEventOverrides,
  agentEvent,
  agentEventBatch,
  agentEventOf,
  retimed,
  stateChangeFixture,
  withAgentEvent,
  withData,
} from "./agent-events.js";
export {
  type ContactEventFixture,
  type ContactEventOverrides,
  type ContactFlowEventFixture,
  type ContactFlowEventOverrides,
  connectedToAgentEvent,
  contactFlowEvent,
  events,
  fixtureInstanceId,
} from "./contact-events.js";
