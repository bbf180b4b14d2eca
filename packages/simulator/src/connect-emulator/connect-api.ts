/** The Connect APIs the emulator answers. */
export const connectApiNames = [
  "ListUsers",
  "SearchUsers",
  "DescribeUser",
  "GetCurrentUserData",
] as const;

/** One of the emulated Connect APIs. */
export type ConnectApiName = (typeof connectApiNames)[number];

/** A per-API rate quota: a token bucket refilled at `ratePerSecond`, holding at most `burst`. */
export interface ApiQuota {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/**
 * Connect's published default: "for all other operations, a RateLimit of 2 per second, and a
 * BurstLimit of 5 per second" (Connect API reference, throttling limits), per account and API.
 */
export const defaultApiQuota: ApiQuota = { ratePerSecond: 2, burst: 5 };

/** A count per emulated API, every API present. */
export type PerApi<T> = Record<ConnectApiName, T>;

/** `{ ListUsers: 0, … }`. */
export function zeroPerApi(): PerApi<number> {
  return { ListUsers: 0, SearchUsers: 0, DescribeUser: 0, GetCurrentUserData: 0 };
}
