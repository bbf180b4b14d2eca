import type { FlowAction } from "../model/flow-action.js";
import type { FlowMetadata, Position } from "../model/flow-document.js";
import { edgeKindOrder, flowEdges } from "../model/flow-edges.js";

/** Spacing of the console layout, in canvas units (a block is about 200 wide). */
export const layoutGrid = { originX: 40, originY: 40, columnWidth: 300, rowHeight: 220 } as const;

/**
 * Lays the actions out in columns by their distance (in transitions) from the start, each column
 * in the order a breadth-first walk meets the actions, so the main path reads left to right and
 * its branches fall below it. Unreachable actions get a last column.
 */
export function layoutFlow(startAction: string, actions: readonly FlowAction[]): FlowMetadata {
  const byId = new Map(actions.map((action) => [action.Identifier, action]));
  const column = new Map<string, number>();
  const queue: string[] = [];
  if (byId.has(startAction)) {
    column.set(startAction, 0);
    queue.push(startAction);
  }
  for (let index = 0; index < queue.length; index += 1) {
    const id = queue[index] as string;
    const action = byId.get(id);
    if (action === undefined) continue;
    const edges = [...flowEdges(action)].sort(
      (a, b) => edgeKindOrder.indexOf(a.kind) - edgeKindOrder.indexOf(b.kind),
    );
    for (const edge of edges) {
      if (column.has(edge.to) || !byId.has(edge.to)) continue;
      column.set(edge.to, (column.get(id) ?? 0) + 1);
      queue.push(edge.to);
    }
  }
  const lastColumn = Math.max(-1, ...column.values()) + 1;
  for (const action of actions) {
    if (!column.has(action.Identifier)) {
      column.set(action.Identifier, lastColumn);
      queue.push(action.Identifier);
    }
  }
  const rowsUsed = new Map<number, number>();
  const positions = new Map<string, Position>();
  for (const id of queue) {
    const col = column.get(id) ?? lastColumn;
    const row = rowsUsed.get(col) ?? 0;
    rowsUsed.set(col, row + 1);
    positions.set(id, {
      x: layoutGrid.originX + (col + 1) * layoutGrid.columnWidth,
      y: layoutGrid.originY + row * layoutGrid.rowHeight,
    });
  }
  // Keyed in action order, so the JSON diff of a changed flow stays local.
  const ActionMetadata: { [identifier: string]: { readonly position: Position } } = {};
  for (const action of actions) {
    const position = positions.get(action.Identifier);
    if (position !== undefined) ActionMetadata[action.Identifier] = { position };
  }
  return {
    entryPointPosition: { x: layoutGrid.originX, y: layoutGrid.originY },
    ActionMetadata,
  };
}
