import type { LambdaFunction } from "../interpreter/lambda-function.js";

/** Invocations and wall-clock time per function, in the order the system lists them. */
export interface LambdaCounters {
  readonly invocations: Readonly<Record<string, number>>;
  /** Wall-clock ms spent in each function (varies from run to run). */
  readonly wallMs: Readonly<Record<string, number>>;
}

/** Invocations and wall-clock ms of each function, since the last reset. */
export class FunctionCounters {
  readonly #names: readonly string[];
  #invocations: Record<string, number> = {};
  #wallMs: Record<string, number> = {};

  constructor(names: readonly string[]) {
    this.#names = names;
    this.reset();
  }

  counted(name: string, handler: LambdaFunction): LambdaFunction {
    return async (event) => {
      this.#invocations[name] = (this.#invocations[name] ?? 0) + 1;
      const started = performance.now();
      try {
        return await handler(event);
      } finally {
        this.#wallMs[name] = (this.#wallMs[name] ?? 0) + performance.now() - started;
      }
    };
  }

  snapshot(): LambdaCounters {
    return { invocations: { ...this.#invocations }, wallMs: { ...this.#wallMs } };
  }

  reset(): void {
    this.#invocations = Object.fromEntries(this.#names.map((name) => [name, 0]));
    this.#wallMs = Object.fromEntries(this.#names.map((name) => [name, 0]));
  }
}
