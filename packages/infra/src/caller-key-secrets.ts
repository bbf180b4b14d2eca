import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedSecretArgs } from "./sticky-agent-routing.js";

/** One caller-key secret: the value, for a parameter the stack creates, or a reference. */
export type CallerKeySecretInput =
  | { readonly kind: "stack-parameter"; readonly value: pulumi.Input<string> }
  | { readonly kind: "reference"; readonly reference: string };

/** The arguments of {@link CallerKeySecrets}. */
export interface CallerKeySecretsArgs {
  /** Where the SecureString parameters the stack creates are named: `<prefix>/caller-key`. */
  readonly parameterPrefix: string;
  readonly current: CallerKeySecretInput;
  /** During a rotation: the previous secret, or `raw-number`. */
  readonly previous?: CallerKeySecretInput | "raw-number";
  /**
   * A customer managed KMS key for the parameters this component creates (the functions then
   * decrypt with it, through SSM only); without it SSM's AWS managed key `aws/ssm`.
   */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /**
   * The customer managed key a referenced secret is encrypted with, for the functions' grant:
   * the stack cannot see it. Without it the reference is taken to use its service's AWS
   * managed key, which needs no grant.
   */
  readonly referencedKmsKeyArn?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Readonly<Record<string, pulumi.Input<string>>>>;
}

/**
 * The stack's caller-key secrets, out of the functions' environment: a secret set with
 * `pulumi config set --secret` becomes an SSM `SecureString` parameter (encrypted with the
 * account's `aws/ssm` key, or `kmsKeyArn`), which the functions read once per container; a
 * reference to an existing parameter or Secrets Manager secret is passed on as it is, with the
 * key it is said to use (`referencedKmsKeyArn`). The value is a Pulumi secret throughout, so it
 * is encrypted in the stack's state too.
 */
export class CallerKeySecrets extends pulumi.ComponentResource {
  /** The parameters this component created (none when both secrets are references). */
  readonly parameters: readonly aws.ssm.Parameter[];
  /** The current secret, as the routing component takes it. */
  readonly current: CallerKeyReference;
  /** The previous secret during a rotation, or `raw-number`. */
  readonly previous?: CallerKeyReference | "raw-number";

  constructor(name: string, args: CallerKeySecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("connect-affinity:index:CallerKeySecrets", name, {}, opts);
    const parameters: aws.ssm.Parameter[] = [];
    const referenceOf = (input: CallerKeySecretInput, suffix: string): CallerKeyReference => {
      if (input.kind === "reference") {
        return {
          reference: pulumi.output(input.reference),
          ...(args.referencedKmsKeyArn === undefined
            ? {}
            : { kmsKeyArn: args.referencedKmsKeyArn }),
        };
      }
      const parameter = new aws.ssm.Parameter(
        `${name}${suffix}`,
        {
          name: `${args.parameterPrefix}/caller-key${suffix}`,
          description: "connect-affinity: the key that turns callers' phone numbers into HMACs",
          type: "SecureString",
          value: pulumi.secret(input.value),
          ...(args.kmsKeyArn === undefined ? {} : { keyId: args.kmsKeyArn }),
          tags: args.tags ?? {},
        },
        { parent: this },
      );
      parameters.push(parameter);
      return {
        reference: parameter.name.apply((parameterName) => `ssm:${parameterName}`),
        ...(args.kmsKeyArn === undefined ? {} : { kmsKeyArn: args.kmsKeyArn }),
      };
    };
    this.current = referenceOf(args.current, "");
    if (args.previous !== undefined) {
      this.previous =
        args.previous === "raw-number" ? "raw-number" : referenceOf(args.previous, "-previous");
    }
    this.parameters = parameters;
    this.registerOutputs({
      current: this.current.reference,
      ...(this.previous === undefined || this.previous === "raw-number"
        ? {}
        : { previous: this.previous.reference }),
    });
  }

  /**
   * The routing component's `callerKeySecret` and `previousCallerKey` arguments, each with the
   * key it is encrypted with.
   */
  routingArgs(): {
    readonly callerKeySecret: ManagedSecretArgs;
    readonly previousCallerKey?: ManagedSecretArgs | "raw-number";
  } {
    return {
      callerKeySecret: this.current,
      ...(this.previous === undefined ? {} : { previousCallerKey: this.previous }),
    };
  }
}

/** A secret as the functions are told where it is, and the customer managed key it uses. */
export interface CallerKeyReference {
  readonly reference: pulumi.Output<string>;
  readonly kmsKeyArn?: pulumi.Input<string>;
}
