import {
  createAffinityTableInput,
  createPresenceTableInput,
} from "@connect-affinity/core/dynamodb";
import {
  type Binding,
  customerQueueFlow,
  defaultRequiredWaitSeconds,
  type FlowDocument,
  type FlowLanguage,
  type FlowVariant,
  generateFlow,
  placeholderCustomerQueueFlowArn,
  placeholderStickyFlowArn,
} from "@connect-affinity/flow-builder";
import type { VariableName } from "@connect-affinity/handlers/manifest";
import { startSecretStoreStub } from "@connect-affinity/testing";
import { ensureTable } from "../dynamodb/ensure-table.js";
import { lambdaEnvironment } from "../runner/lambda-environment.js";
import { type BundleName, bundleNames, loadHandlerBundles } from "./handler-bundles.js";
import type { InstanceSite, InstanceSystem, SystemFunction } from "./instance-system.js";
import { setEnvironment } from "./process-patches.js";

/** How connect-affinity is deployed on a simulated instance: the flow and the handler settings. */
export interface ConnectAffinitySettings {
  readonly flow: FlowVariant;
  /** Whether the flow sends callers nobody can take to the fallback queue (else: an apology). */
  readonly fallbackQueue: boolean;
  readonly maxAttempts: number;
  readonly lambdaTimeLimitSeconds: number;
  readonly language: FlowLanguage;
  readonly presence: "connect-api" | "event-stream" | "none";
  /** `NEW_CALLER_STRATEGY`; unset (the handlers' default) when absent. */
  readonly newCallerStrategy?: string;
  /**
   * `PREFERRED_AGENT_EXPIRY_SECONDS`, and the routing-criteria flow's step expiry (the same
   * stack setting in infra); both their defaults when absent.
   */
  readonly preferredAgentExpirySeconds?: number;
  /**
   * The flows' bounded wait for a busy agent (flow-builder's options of the same names); with
   * a wait the customer queue flow is deployed beside the flow. No wait when absent.
   */
  readonly wait?: {
    readonly preferredWaitSeconds?: number;
    readonly binding?: Binding;
    readonly requiredWaitSeconds?: number;
    /** flow-builder's `waitPriority`: the routing priority of a caller who waits. */
    readonly waitPriority?: number;
  };
  /**
   * The contact attribute whose value the generated flow passes as `customerKey`
   * (flow-builder's `customerKey: "$.Attributes.<name>"`).
   */
  readonly customerKeyAttribute?: string;
  /** The generated flow looks callers up in Customer Profiles first (`customerProfile`). */
  readonly customerProfiles?: boolean;
  /**
   * Identity, scope and credit settings, by the handlers' variable names (`IDENTITY_SOURCES`,
   * `AFFINITY_SCOPE`, `MINIMUM_TALK_SECONDS`, …), as the variables spell them; unset when absent.
   */
  readonly affinityVariables?: { readonly [V in VariableName]?: string };
  /**
   * `managed`: the caller-key secret lives in a loopback SSM stand-in and the handlers fetch it
   * as deployed (`CALLER_KEY_SECRET_REF`; the cursor's key is derived from it). Unset: no secret
   * (raw numbers in the table, the cursor signed with a fixed `CURSOR_SIGNING_KEY`).
   */
  readonly callerKeySecret?: "managed";
  /** Paths of the handler bundles; the handlers package's build by default. */
  readonly bundlePaths?: Readonly<Record<BundleName, string>>;
  /**
   * An existing flow to run instead of the generated one (`pnpm flow splice` output): its
   * `connect-affinity-*` Lambdas run the handlers, and a `TransferToFlow` to
   * `placeholderStickyFlowArn` continues in the generated flow.
   */
  readonly hostFlow?: FlowDocument;
}

/** The roster refresher's schedule, as infra deploys it: `rate(1 minute)`. */
const rosterRefreshEveryMs = 60_000;

/**
 * The refresher's pace on a simulated instance. A scheduled invocation takes no simulated
 * time, so the emulator's quota does not refill while it runs: a run may spend at most the
 * burst (5), and waiting between requests would only slow the run on the wall clock. Four
 * pages a run, back to back, is within the burst and leaves one token to anyone else; a
 * directory of 20,000 is listed in five runs (five minutes).
 */
const simulatedRefresherPace = {
  ROSTER_REFRESH_PAGES_PER_RUN: "4",
  ROSTER_REFRESH_REQUEST_SPACING_MS: "0",
} as const;

/** Where a `callerKeySecret: "managed"` system keeps its secret, and the (public) value. */
const simulatedCallerKeyParameter = "/connect-affinity/simulator/caller-key";
const simulatedCallerKeySecret = "connect-affinity-simulator-caller-key-not-a-secret";

/** The tables connect-affinity is given on a simulated instance. */
export const simulatedTableNames = {
  affinity: "connect-affinity-simulator",
  presence: "connect-affinity-simulator-presence",
} as const;

/**
 * connect-affinity as deployed: the handlers' environment (what infra gives a Lambda, pointed
 * at the local servers), the affinity table (and the presence table for event-stream presence),
 * the real handler bundles, and the flow flow-builder generates for their ARNs.
 */
export function connectAffinitySystem(settings: ConnectAffinitySettings): InstanceSystem {
  return async (site) => {
    const secretStore =
      settings.callerKeySecret === "managed" ? await startSecretStoreStub() : undefined;
    secretStore?.parameters.set(simulatedCallerKeyParameter, {
      type: "SecureString",
      value: simulatedCallerKeySecret,
    });
    const restoreVariables = setEnvironment({
      ...environmentOf(settings, site),
      ...(secretStore === undefined
        ? {}
        : {
            ...secretStore.environment,
            CALLER_KEY_SECRET_REF: `ssm:${simulatedCallerKeyParameter}`,
            CURSOR_SIGNING_KEY: undefined,
          }),
    });
    const restoreEnvironment = (): void => {
      restoreVariables();
      void secretStore?.close();
    };
    try {
      await ensureTable(
        site.dynamoDbEndpoint,
        createAffinityTableInput(simulatedTableNames.affinity),
      );
      if (settings.presence === "event-stream") {
        await ensureTable(
          site.dynamoDbEndpoint,
          createPresenceTableInput(simulatedTableNames.presence),
        );
      }
      const handlers = await loadHandlerBundles(settings.bundlePaths);
      const arnOf = (bundle: BundleName): string =>
        site.lambdaArn(`connect-affinity-${kebabCase(bundle)}`);
      const functions = bundleNames.map(
        (bundle): SystemFunction => ({
          name: kebabCase(bundle),
          arn: arnOf(bundle),
          handler: handlers[bundle],
          ...triggerOf(bundle, settings),
        }),
      );
      const wait = settings.wait ?? {};
      // The agent-queue flow always sets the customer queue flow (it bounds every stay in an
      // agent's queue, wait or not); the other variants deploy it only with a wait.
      const waits = waitOf(wait) > 0 || settings.flow === "agent-queue";
      const options = {
        lambdaArns: {
          route: arnOf("route"),
          nextAgent: arnOf("nextAgent"),
          record: arnOf("record"),
          routingCriteria: arnOf("routingCriteria"),
        },
        standardQueueArn: site.standardQueueArn,
        ...(settings.fallbackQueue ? { fallbackQueueArn: site.fallbackQueueArn } : {}),
        maxAttempts: settings.maxAttempts,
        lambdaTimeLimitSeconds: settings.lambdaTimeLimitSeconds,
        language: settings.language,
        ...(settings.preferredAgentExpirySeconds === undefined
          ? {}
          : { preferredAgentExpirySeconds: settings.preferredAgentExpirySeconds }),
        ...wait,
        ...(waits ? { customerQueueFlowArn: placeholderCustomerQueueFlowArn } : {}),
        ...(settings.customerKeyAttribute === undefined
          ? {}
          : { customerKey: `$.Attributes.${settings.customerKeyAttribute}` }),
        ...(settings.customerProfiles === true ? { customerProfile: true as const } : {}),
      };
      const flow = generateFlow(settings.flow, options);
      const queueFlows: Record<string, FlowDocument> = waits
        ? { [placeholderCustomerQueueFlowArn]: customerQueueFlow(options) }
        : {};
      // As infra's rule: the contact's end with a minimum talk time, else an agent answering.
      const contactEventTypes =
        Number(settings.affinityVariables?.MINIMUM_TALK_SECONDS ?? "0") > 0
          ? (["DISCONNECTED"] as const)
          : (["CONNECTED_TO_AGENT"] as const);
      if (settings.hostFlow === undefined) {
        return {
          flow,
          ...(waits ? { linkedFlows: queueFlows } : {}),
          functions,
          contactEventTypes,
          uninstall: restoreEnvironment,
        };
      }
      return {
        flow: settings.hostFlow,
        linkedFlows: { [placeholderStickyFlowArn]: flow, ...queueFlows },
        functions,
        contactEventTypes,
        uninstall: restoreEnvironment,
      };
    } catch (error) {
      restoreEnvironment();
      throw error;
    }
  };
}

/** The wait the flow bounds, whichever the binding (0: none). */
function waitOf(wait: ConnectAffinitySettings["wait"]): number {
  if (wait?.binding === "required") return wait.requiredWaitSeconds ?? defaultRequiredWaitSeconds;
  return wait?.preferredWaitSeconds ?? 0;
}

function environmentOf(
  settings: ConnectAffinitySettings,
  site: InstanceSite,
): Readonly<Record<string, string | undefined>> {
  return lambdaEnvironment({
    region: site.region,
    dynamoDbEndpoint: site.dynamoDbEndpoint,
    connectEndpoint: site.connectEndpoint,
    affinityTableName: simulatedTableNames.affinity,
    instanceArn: site.instanceArn,
    maxAttempts: settings.maxAttempts,
    presence: settings.presence,
    presenceTableName: simulatedTableNames.presence,
    language: settings.language,
    extra: {
      ...simulatedRefresherPace,
      NEW_CALLER_STRATEGY: settings.newCallerStrategy,
      PREFERRED_AGENT_EXPIRY_SECONDS:
        settings.preferredAgentExpirySeconds === undefined
          ? undefined
          : String(settings.preferredAgentExpirySeconds),
      // As infra does: the handlers wait exactly when the flow lets the caller wait.
      PREFERRED_WAIT_SECONDS: String(waitOf(settings.wait)),
      ...settings.affinityVariables,
    },
  });
}

/** How a bundle is invoked: its trigger, and a schedule's rate. */
type Trigger =
  | { readonly trigger: "flow" | "contact-events" | "agent-events" | "none" }
  | { readonly trigger: "schedule"; readonly everyMs: number };

function triggerOf(bundle: BundleName, settings: ConnectAffinitySettings): Trigger {
  switch (bundle) {
    case "contactEvent":
      return { trigger: "contact-events" };
    case "agentEvents":
      // Deployed with every presence source, fed only when presence comes from the stream.
      return { trigger: settings.presence === "event-stream" ? "agent-events" : "none" };
    case "rosterRefresh":
      // The shared roster serves event-stream presence only; infra deploys its schedule with it.
      return settings.presence === "event-stream"
        ? { trigger: "schedule", everyMs: rosterRefreshEveryMs }
        : { trigger: "none" };
    default:
      return { trigger: "flow" };
  }
}

/** `nextAgent` → `next-agent`, the function names of the reports. */
function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
