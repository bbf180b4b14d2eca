export {
  type ConnectStub,
  type StubAgent,
  type StubFault,
  type StubOperation,
  startConnectStub,
} from "./connect-stub.js";
export {
  defaultAgents,
  type HandlerHarness,
  type HandlerHarnessSetup,
  type HandlerTarget,
  localAwsEnvironment,
  startHandlerHarness,
  useHandlerHarness,
} from "./handler-harness.js";
export {
  type SecretStoreStub,
  type StubParameter,
  startSecretStoreStub,
} from "./secret-store-stub.js";
