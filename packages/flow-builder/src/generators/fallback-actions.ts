import type { FlowBuilder } from "../builder/flow-builder.js";
import type { ResolvedFlowOptions } from "./flow-options.js";

/** The shared tail of both flows: where a call goes when the preferred route cannot take it. */
export interface FallbackActions {
  /** The first action of the fallback: set the fallback queue, or apologise. */
  readonly entry: string;
  /** Adds the fallback's actions to `builder`. */
  addTo(builder: FlowBuilder): FlowBuilder;
}

/**
 * With a fallback queue: set it as the working queue and transfer, and apologise and disconnect
 * if that fails too. Without one: apologise and disconnect.
 */
export function fallbackActions(options: ResolvedFlowOptions): FallbackActions {
  const queue = options.fallbackQueueArn;
  const apologise = (builder: FlowBuilder): FlowBuilder =>
    builder
      .playMessage("play-sorry", {
        message: options.messages.sorry,
        next: "disconnect",
        onError: "disconnect",
      })
      .disconnect("disconnect");
  if (queue === undefined) return { entry: "play-sorry", addTo: apologise };
  return {
    entry: "set-fallback-queue",
    addTo: (builder) =>
      apologise(
        builder
          .setWorkingQueue("set-fallback-queue", {
            queue,
            next: "transfer-to-fallback",
            onError: "play-sorry",
          })
          .transferToQueue("transfer-to-fallback", {
            onAtCapacity: "play-sorry",
            onError: "play-sorry",
          }),
      ),
  };
}
