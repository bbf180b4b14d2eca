import { type FlowDocument, flowEdges } from "../../src/index.js";

/** One walk from the start action: the actions passed and how it ended. */
export interface FlowPath {
  readonly actions: readonly string[];
  /** `transfer`: queued; `disconnect`: hung up; `dead-end` / `cycle`: a defect. */
  readonly end: "transfer" | "disconnect" | "dead-end" | "cycle";
}

/**
 * Every path through `flow`, following every transition. A `Loop`'s ContinueLooping branch is
 * taken at most once per path (the loop is bounded, and once shows what the repeat does); any
 * other return to an action already on the path since the last loop is reported as a cycle.
 */
export function flowPaths(flow: FlowDocument): readonly FlowPath[] {
  const byId = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  const paths: FlowPath[] = [];
  const walk = (
    id: string,
    path: readonly string[],
    loopsTaken: ReadonlySet<string>,
    sinceLoop: ReadonlySet<string>,
  ): void => {
    const here = [...path, id];
    const action = byId.get(id);
    if (action === undefined) {
      paths.push({ actions: here, end: "dead-end" });
      return;
    }
    if (action.Type === "DisconnectParticipant") {
      paths.push({ actions: here, end: "disconnect" });
      return;
    }
    if (action.Type === "TransferContactToQueue") paths.push({ actions: here, end: "transfer" });
    const edges = flowEdges(action);
    if (edges.length === 0) {
      paths.push({ actions: here, end: "dead-end" });
      return;
    }
    const visited = new Set([...sinceLoop, id]);
    const followed = new Set<string>();
    for (const edge of edges) {
      const continuing = action.Type === "Loop" && edge.label === "ContinueLooping";
      if (continuing && loopsTaken.has(id)) continue;
      const key = `${continuing}:${edge.to}`;
      if (followed.has(key)) continue;
      followed.add(key);
      if (continuing) {
        walk(edge.to, here, new Set([...loopsTaken, id]), new Set());
      } else if (visited.has(edge.to)) {
        paths.push({ actions: [...here, edge.to], end: "cycle" });
      } else {
        walk(edge.to, here, loopsTaken, visited);
      }
    }
  };
  walk(flow.StartAction, [], new Set(), new Set());
  return paths;
}
