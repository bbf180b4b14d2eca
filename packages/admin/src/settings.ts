import { readFileSync } from "node:fs";
import { callingCodePattern, tableNamePattern } from "@connect-affinity/handlers/manifest";
import type { CallerKeySources } from "@connect-affinity/handlers/secrets";
import { AdminError } from "./admin-error.js";
import { exitCodes } from "./exit-codes.js";

/** The global options every command takes. */
export interface GlobalOptions {
  readonly table?: string;
  readonly stackOutputs?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly secretRef?: string;
  readonly previousSecretRef?: string;
  readonly callingCode?: string;
  readonly json?: boolean;
}

/** Where the tool works and how it hashes callers, resolved. */
export interface AdminSettings {
  readonly tableName: string;
  readonly region?: string;
  /** A local DynamoDB (dynalite, DynamoDB Local) instead of the Region's endpoint. */
  readonly endpoint?: string;
  readonly callerKeys: CallerKeySources;
  readonly defaultCallingCode?: string;
  /** The Connect instance ARN, which `pin` builds an agent ARN on from a user ID. */
  readonly instanceArn?: string;
}

/**
 * The outputs of `pulumi stack output --json` the tool reads (infra exports them; see infra's
 * README). Any other key is ignored.
 */
interface StackOutputs {
  readonly tableName?: unknown;
  readonly region?: unknown;
  readonly callerKeySecretRef?: unknown;
  readonly callerKeyPreviousSecretRef?: unknown;
  readonly defaultCallingCode?: unknown;
  readonly instanceArn?: unknown;
}

/**
 * Reads the configuration the way the deployed functions get theirs: options first, then a
 * stack's outputs file (`--stack-outputs`), then the functions' own environment variables
 * (`AFFINITY_TABLE_NAME`, `CALLER_KEY_SECRET_REF`, `CALLER_KEY_PREVIOUS_SECRET_REF`,
 * `CALLER_KEY_SECRET` for local runs, `DEFAULT_CALLING_CODE`, and the SDK's `AWS_REGION`).
 *
 * @throws AdminError (exit 3) naming what is missing or malformed and where to set it.
 */
export function resolveSettings(
  options: GlobalOptions,
  environment: Readonly<Record<string, string | undefined>>,
): AdminSettings {
  const outputs = options.stackOutputs === undefined ? {} : readOutputs(options.stackOutputs);
  const pick = (
    option: string | undefined,
    output: unknown,
    variable: string,
  ): string | undefined => {
    const chosen =
      option ?? (typeof output === "string" ? output : undefined) ?? environment[variable];
    return chosen === undefined || chosen.trim() === "" ? undefined : chosen.trim();
  };
  const tableName = pick(options.table, outputs.tableName, "AFFINITY_TABLE_NAME");
  if (tableName === undefined) {
    throw new AdminError(
      exitCodes.configuration,
      "No affinity table: pass --table NAME, or --stack-outputs FILE (pulumi stack output --json > FILE in packages/infra), or set AFFINITY_TABLE_NAME.",
    );
  }
  if (!tableNamePattern.test(tableName)) {
    throw new AdminError(
      exitCodes.configuration,
      `"${tableName}" is not a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -): check --table or AFFINITY_TABLE_NAME.`,
    );
  }
  const defaultCallingCode = pick(
    options.callingCode,
    outputs.defaultCallingCode,
    "DEFAULT_CALLING_CODE",
  );
  if (defaultCallingCode !== undefined && !callingCodePattern.test(defaultCallingCode)) {
    throw new AdminError(
      exitCodes.configuration,
      `"${defaultCallingCode}" is not a country calling code: use --calling-code 81 (or +81).`,
    );
  }
  const region = pick(options.region, outputs.region, "AWS_REGION");
  const secretRef = pick(options.secretRef, outputs.callerKeySecretRef, "CALLER_KEY_SECRET_REF");
  const previousRef = pick(
    options.previousSecretRef,
    outputs.callerKeyPreviousSecretRef,
    "CALLER_KEY_PREVIOUS_SECRET_REF",
  );
  const instanceArn = pick(undefined, outputs.instanceArn, "CONNECT_INSTANCE_ID");
  const localSecret = secretRef === undefined ? environment["CALLER_KEY_SECRET"] : undefined;
  return {
    tableName,
    ...(region === undefined ? {} : { region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    callerKeys: {
      ...(secretRef === undefined ? {} : { callerKeySecretRef: secretRef }),
      ...(previousRef === undefined ? {} : { callerKeyPreviousSecretRef: previousRef }),
      ...(localSecret === undefined || localSecret === "" ? {} : { callerKeySecret: localSecret }),
    },
    ...(defaultCallingCode === undefined
      ? {}
      : { defaultCallingCode: defaultCallingCode.replace(/^\+/, "") }),
    // CONNECT_INSTANCE_ID may hold a bare instance ID; only an ARN can carry an agent ARN.
    ...(instanceArn?.startsWith("arn:") === true ? { instanceArn } : {}),
  };
}

function readOutputs(path: string): StackOutputs {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new AdminError(
      exitCodes.configuration,
      `Cannot read the stack outputs file ${path}: write it with \`pulumi stack output --json > ${path}\` in packages/infra.`,
      { cause: error },
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error();
    return parsed as StackOutputs;
  } catch (error) {
    throw new AdminError(
      exitCodes.configuration,
      `${path} is not the JSON object \`pulumi stack output --json\` writes.`,
      { cause: error },
    );
  }
}
