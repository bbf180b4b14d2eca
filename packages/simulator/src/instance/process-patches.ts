import { webcrypto } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";
import { SeededRandom } from "@connect-affinity/core/testing";

/**
 * Sets environment variables for the length of a run; the returned function restores the
 * previous values (and removes the ones that were unset).
 */
export function setEnvironment(values: Readonly<Record<string, string | undefined>>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(values)) {
    previous.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * Makes `Date.now()` answer the simulated clock until the returned function is called. The
 * handlers read time through core's `systemClock` (`Date.now()`), so their caches, affinity
 * expiry and record timestamps follow simulated time like everything else. Only `Date.now` is
 * replaced: timers (`setTimeout`, which the SDK's socket timeouts use) keep wall time, and so
 * do `new Date()` log timestamps.
 */
export function useSimulatedNow(clock: { now(): number }): () => void {
  const original = Date.now;
  Date.now = () => clock.now();
  return () => {
    Date.now = original;
  };
}

/**
 * Makes `crypto.webcrypto.getRandomValues` draw from a generator seeded with `seed` until the
 * returned function is called. The handlers break ties between equally good agents with
 * random draws (core's `cryptoRandom`); seeding them is what makes a seeded run repeat
 * exactly. Nothing secret is generated in a simulation.
 */
export function useSeededRandomValues(seed: number): () => void {
  const random = new SeededRandom(seed);
  const own = Object.getOwnPropertyDescriptor(webcrypto, "getRandomValues");
  const seeded = <T extends ArrayBufferView | null>(array: T): T => {
    if (array === null) return array;
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let index = 0; index < bytes.length; index += 4) {
      let word = random.nextUint32();
      for (let offset = 0; offset < 4 && index + offset < bytes.length; offset += 1) {
        bytes[index + offset] = word & 0xff;
        word >>>= 8;
      }
    }
    return array;
  };
  Object.defineProperty(webcrypto, "getRandomValues", {
    value: seeded,
    configurable: true,
    writable: true,
  });
  return () => {
    if (own === undefined) Reflect.deleteProperty(webcrypto, "getRandomValues");
    else Object.defineProperty(webcrypto, "getRandomValues", own);
  };
}

/**
 * Makes the local servers listening on `ports` stamp their responses with the simulated time
 * (`Date` header) until the returned function is called. The AWS SDK compares that header with
 * `Date.now()`, which follows the simulated clock during a run; a wall-clock header would look
 * like a clock skew of months, and the SDK would retry every failed request (a conditional
 * write's expected failure included) to correct it, adding requests and delays that depend
 * on wall time. Uses Node's public `http.server.request.start` diagnostics channel.
 */
export function useSimulatedServerDates(
  clock: { now(): number },
  ports: readonly number[],
): () => void {
  const watched = new Set(ports);
  const onRequest = (message: unknown): void => {
    const { response, socket } = message as {
      readonly response: ServerResponse;
      readonly socket: { readonly localPort?: number };
    };
    if (socket.localPort === undefined || !watched.has(socket.localPort)) return;
    response.sendDate = false;
    response.setHeader("Date", new Date(clock.now()).toUTCString());
  };
  diagnosticsChannel.subscribe("http.server.request.start", onRequest);
  return () => {
    diagnosticsChannel.unsubscribe("http.server.request.start", onRequest);
  };
}
