import { type FlowEdge, flowEdges } from "../model/flow-edges.js";
import { type ActionView, describe, type RuleContext } from "./action-view.js";

/**
 * Rules on the flow as a graph: every target exists (service); and, in the strict profile,
 * every action is reachable, every action can still reach an end, and every cycle is bounded
 * by a `Loop` whose exit leaves it.
 */
export function checkGraph(
  start: unknown,
  views: readonly ActionView[],
  context: RuleContext,
): void {
  const byId = new Map<string, ActionView>();
  for (const view of views) if (!byId.has(view.id)) byId.set(view.id, view);

  const edges = new Map<string, readonly FlowEdge[]>();
  for (const view of byId.values()) {
    const known: FlowEdge[] = [];
    for (const edge of flowEdges(view.action)) {
      if (byId.has(edge.to)) {
        known.push(edge);
      } else {
        context.report(
          "unknown-transition-target",
          `${describe(view)} leads to "${edge.to}", which is not an action of the flow`,
          view.id,
        );
      }
    }
    edges.set(view.id, known);
  }
  if (!context.strict) return;
  const successors = (id: string): readonly string[] =>
    (edges.get(id) ?? []).map((edge) => edge.to);

  const reachable =
    typeof start === "string" && byId.has(start) ? walk([start], successors) : new Set<string>();
  for (const view of byId.values()) {
    if (!reachable.has(view.id)) {
      context.report(
        "unreachable-action",
        `${describe(view)} cannot be reached from the start action`,
        view.id,
      );
    }
  }

  const predecessors = new Map<string, string[]>();
  for (const [from, out] of edges) {
    for (const edge of out) predecessors.set(edge.to, [...(predecessors.get(edge.to) ?? []), from]);
  }
  const ends = [...byId.values()]
    .filter((view) => view.spec?.endsFlow === true)
    .map((view) => view.id);
  const canEnd = walk(ends, (id) => predecessors.get(id) ?? []);
  for (const view of byId.values()) {
    if (reachable.has(view.id) && !canEnd.has(view.id)) {
      context.report(
        "dead-end",
        `From ${describe(view)} no path reaches an action that ends the flow (a transfer, a disconnect, the end of the flow)`,
        view.id,
      );
    }
  }

  for (const cycle of unboundedCycles(reachable, byId, edges)) {
    const first = cycle[0] as ActionView;
    context.report(
      "unbounded-loop",
      `${describe(first)} is on a cycle (${cycle
        .map((view) => view.id)
        .join(" → ")}) that passes no Loop whose DoneLooping leaves it`,
      first.id,
    );
  }
}

function walk(from: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set(from);
  const queue = [...from];
  for (let index = 0; index < queue.length; index += 1) {
    for (const to of next(queue[index] as string)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * The strongly connected parts of the reachable graph that still cycle once every bounding
 * `Loop` is taken out. A `Loop` bounds its part when its exits (`DoneLooping` and `NextAction`)
 * leave that part; removing it can split the part, so inner loops are judged on what is left.
 */
function unboundedCycles(
  reachable: ReadonlySet<string>,
  byId: ReadonlyMap<string, ActionView>,
  edges: ReadonlyMap<string, readonly FlowEdge[]>,
): ActionView[][] {
  const nodes = new Set(reachable);
  for (;;) {
    const components = stronglyConnected(nodes, (id) =>
      (edges.get(id) ?? []).map((edge) => edge.to).filter((to) => nodes.has(to)),
    );
    const cyclic = components.filter((component) => isCyclic(component, edges));
    let removed = false;
    for (const component of cyclic) {
      const members = new Set(component);
      for (const id of component) {
        if (byId.get(id)?.type !== "Loop") continue;
        const exits = (edges.get(id) ?? []).filter(
          (edge) => edge.kind === "next" || edge.label === "DoneLooping",
        );
        if (exits.length > 0 && exits.every((edge) => !members.has(edge.to))) {
          nodes.delete(id);
          removed = true;
        }
      }
    }
    if (!removed) {
      return cyclic.map((component) =>
        component.map((id) => byId.get(id) as ActionView).sort((a, b) => a.index - b.index),
      );
    }
  }
}

function isCyclic(
  component: readonly string[],
  edges: ReadonlyMap<string, readonly FlowEdge[]>,
): boolean {
  if (component.length > 1) return true;
  const only = component[0] as string;
  return (edges.get(only) ?? []).some((edge) => edge.to === only);
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(
  nodes: ReadonlySet<string>,
  successors: (id: string) => readonly string[],
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { id: string; next: number; targets: readonly string[] }[] = [];
    const open = (id: string): void => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0, targets: successors(id) });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as (typeof work)[number];
      if (frame.next < frame.targets.length) {
        const to = frame.targets[frame.next] as string;
        frame.next += 1;
        if (!index.has(to)) {
          open(to);
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) {
        low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        for (;;) {
          const id = stack.pop() as string;
          onStack.delete(id);
          component.push(id);
          if (id === frame.id) break;
        }
        components.push(component);
      }
    }
  }
  return components;
}
