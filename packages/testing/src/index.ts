export { closedEndpoint } from "./closed-endpoint.js";
export {
  type DynaliteServer,
  type DynaliteServerOptions,
  type RequestVerdict,
  startDynalite,
} from "./dynalite.js";
export type {
  DynaliteIndex,
  DynaliteItem,
  DynaliteKeyElement,
  DynaliteObserver,
  DynaliteTable,
} from "./dynalite-observer.js";
export { setEnvironment } from "./environment.js";
export {
  type LocalDynamoDb,
  type LocalDynamoDbOptions,
  startLocalDynamoDb,
} from "./local-dynamodb.js";
export {
  type SecretStoreStub,
  type StubParameter,
  startSecretStoreStub,
} from "./secret-store-stub.js";
export { type StallingEndpoint, stallingEndpoint } from "./stalling-endpoint.js";
