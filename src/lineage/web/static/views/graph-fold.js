// Wide fan-outs folded. A node with more than FAN_OUT neighbours on one side (an image
// that hundreds of videos start from) keeps FAN_OUT of them drawn (those on the
// highlighted path, orphaned and current ones first) and one "+N more" node stands for
// the rest until it is opened. What is drawn is what the root reaches through the
// neighbours left unfolded; a node reached another way is drawn all the same.

export const FAN_OUT = 10;
const SIDES = ["down", "up"]; // down: what was built from a node; up: what it came from

export const groupKey = (ownerId, side) => `${side}:${ownerId}`;

// The nodes to draw and the folds ({ key, ownerId, side, hidden }) of a graph of
// `nodes` (Map id -> API node) and `edges` (API edges: fromId was built from toId).
export function fold({ nodes, edges, rootId, opened, kept }) {
  const around = neighbours(nodes, edges);
  const folded = new Map(); // owner id -> the neighbours it does not lead to
  const groups = [];
  for (const [ownerId, sides] of around) {
    for (const side of SIDES) {
      const key = groupKey(ownerId, side);
      const all = sides[side];
      if (all.length <= FAN_OUT || opened.has(key)) continue;
      const rest = ranked(all, nodes, kept).slice(FAN_OUT).filter((id) => !kept.has(id));
      if (!folded.has(ownerId)) folded.set(ownerId, new Set());
      rest.forEach((id) => folded.get(ownerId).add(id));
      groups.push({ key, ownerId, side, rest });
    }
  }
  const shown = reach(rootId, around, folded);
  const folds = groups.filter((group) => shown.has(group.ownerId))
    .map(({ rest, ...group }) => ({ ...group, hidden: rest.filter((id) => !shown.has(id)) }))
    .filter((group) => group.hidden.length > 0);
  return { shown, folds, around };
}

function neighbours(nodes, edges) {
  const around = new Map([...nodes.keys()].map((id) => [id, { down: new Set(), up: new Set() }]));
  for (const edge of edges) {
    around.get(edge.toId)?.down.add(edge.fromId);
    around.get(edge.fromId)?.up.add(edge.toId);
  }
  return new Map([...around].map(([id, sides]) => [id, { down: [...sides.down], up: [...sides.up] }]));
}

function ranked(ids, nodes, kept) {
  const weight = (id) => {
    const asset = nodes.get(id)?.asset;
    return (kept.has(id) ? 0 : 4) + (asset && asset.orphanStatus.state !== "OK" ? 0 : 2) + (asset?.isCurrent ? 0 : 1);
  };
  return [...ids].sort((a, b) => weight(a) - weight(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function reach(rootId, around, folded) {
  const shown = new Set([rootId]);
  const queue = [rootId];
  for (let at = 0; at < queue.length; at += 1) {
    const id = queue[at];
    const blocked = folded.get(id);
    for (const side of SIDES) {
      for (const next of around.get(id)?.[side] ?? []) {
        if (shown.has(next) || blocked?.has(next)) continue;
        shown.add(next);
        queue.push(next);
      }
    }
  }
  return shown;
}
