import { type AddressInfo, createServer } from "node:net";

/**
 * A loopback endpoint nothing listens on (a port taken and released again), for the tests of
 * what happens when a service cannot be reached.
 */
export async function closedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
