import { contactKeyPrefix, createAffinityTableInput } from "@connect-affinity/core/dynamodb";
import {
  type HandlerHarness,
  type HandlerHarnessSetup,
  startHandlerHarness,
  useHandlerHarness,
} from "@connect-affinity/testing/handlers";
import { resetContainer } from "../../src/container.js";

/** These handlers, as the shared handler harness needs to know them. */
const setup: HandlerHarnessSetup = {
  table: createAffinityTableInput,
  environment: ({ tableName, instanceArn }) => ({
    AFFINITY_TABLE_NAME: tableName,
    CONNECT_INSTANCE_ID: instanceArn,
    // route signs the cursor and next-agent checks it; a test-only key, never a real one.
    CURSOR_SIGNING_KEY: "test-cursor-signing-key-of-32-characters",
    // Powertools writes JSON lines to stdout; tests read the decisions from the answers.
    POWERTOOLS_LOG_LEVEL: "SILENT",
    // Embedded-metric lines too; the metrics tests turn them back on.
    POWERTOOLS_METRICS_DISABLED: "true",
    // The wait off (the deployed default is 10 s): most tests pass a busy agent over, and the
    // ones about the wait set it themselves.
    PREFERRED_WAIT_SECONDS: "0",
  }),
  reset: resetContainer,
  isRecord: (item) => !isContactIndexItem(item),
};

/** The handler-test lifecycle for a test file: see `useHandlerHarness`. */
export function useHarness(): HandlerHarness {
  return useHandlerHarness(setup);
}

/** A harness whose lifecycle the test file runs itself (the bundles keep theirs for the file). */
export function startHarness(): Promise<HandlerHarness> {
  return startHandlerHarness(setup);
}

/** The contact index's `contact#…` entries share the table with the callers' records. */
function isContactIndexItem(item: Readonly<Record<string, unknown>>): boolean {
  const { callerKey } = item;
  return (
    typeof callerKey === "object" &&
    callerKey !== null &&
    "S" in callerKey &&
    typeof callerKey.S === "string" &&
    callerKey.S.startsWith(contactKeyPrefix)
  );
}
