// The lineage graph from the keyboard. The canvas takes focus; a selection (drawn with a
// thick blue border) moves along the edges with → (to what was built from it) and ←
// (to what it came from), through its column of the layout with ↑ and ↓, and back to
// the graph's root with Home. Enter focuses the selected node (its panel follows, with
// open, expand and centre; on a "+N more" node it draws what that node stands for),
// O opens its page, E expands its neighbours, + and - zoom around it, 0 fits the whole
// graph. A live region says where the selection is.

export const KEYS_HELP = "Keyboard: in the graph, ← → follow the edges, ↑ ↓ move within a column, Home returns to the root, Enter focuses the node (on “+N more”, draws what it stands for), O opens it, E expands its neighbours, + − zoom, 0 fits.";

const COLUMN_PX = 40; // nodes of one layout rank are drawn within this of each other's x

// what a key does: the node it moves to, or an action on the selected node
const MOVES = {
  ArrowRight: (cy, node) => nearest(node, node.outgoers("node")),
  ArrowLeft: (cy, node) => nearest(node, node.incomers("node")),
  ArrowDown: (cy, node) => alongColumn(cy, node, 1),
  ArrowUp: (cy, node) => alongColumn(cy, node, -1),
  Home: (cy, node, rootId) => cy.getElementById(rootId),
};
const ZOOMS = { "+": 1.25, "=": 1.25, "-": 0.8 };

export function keyboardFor(state, actions) {
  const { canvas } = state;
  canvas.addEventListener("focus", () => select(state, selected(state)));
  canvas.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const node = selected(state);
    const handled = move(state, event.key, node) || act(state, event.key.toLowerCase(), node, actions);
    if (handled) event.preventDefault();
  });
}

function move(state, key, node) {
  const step = MOVES[key];
  if (!step) return false;
  const next = step(state.cy, node, state.route.id);
  if (next && next.nonempty()) select(state, next);
  else state.announcer.textContent = `${describe(node)} Nothing further that way.`;
  return true;
}

function act(state, key, node, actions) {
  const { cy } = state;
  if (key === "enter") actions.focus(node.id());
  else if (key === "o" && node.data("asset")) actions.open(node.id());
  else if (key === "e") actions.expand(node.id());
  else if (key === "0") cy.fit(undefined, 20);
  else if (ZOOMS[key]) cy.zoom({ level: cy.zoom() * ZOOMS[key], renderedPosition: node.renderedPosition() });
  else return false;
  return true;
}

function selected(state) {
  const { cy } = state;
  const chosen = cy.nodes(".key-selected");
  return chosen.nonempty() ? chosen.first() : cy.getElementById(state.route.id);
}

export function select(state, node, announce = true) {
  state.cy.nodes(".key-selected").removeClass("key-selected");
  node.addClass("key-selected");
  keepInView(state.cy, node);
  if (announce) state.announcer.textContent = describe(node);
}

function keepInView(cy, node) {
  const { x, y } = node.renderedPosition();
  const margin = 40;
  if (x < margin || y < margin || x > cy.width() - margin || y > cy.height() - margin) cy.center(node);
}

function describe(node) {
  const data = node.data();
  if (data.more) return `Selected ${data.title}: Enter draws them.`;
  const what = data.asset ? assetNamed(data) : data.label.replace("\n", ": ");
  return `Selected ${what}: ${data.upstream} upstream, ${data.downstream} downstream.`;
}

function assetNamed({ asset, title }) {
  const named = `${asset.type.toLowerCase()} ${asset.slot} v${asset.version}`;
  const state = asset.orphanStatus.state;
  const flags = [asset.isCurrent ? "current" : "", state === "OK" ? "" : state.toLowerCase()].filter(Boolean);
  return named + (flags.length ? ` (${flags.join(", ")})` : "") + (named.includes(title) ? "" : ` “${title.slice(0, 80)}”`);
}

function nearest(node, candidates) {
  const y = node.position("y");
  const byDistance = candidates.toArray().sort((a, b) => Math.abs(a.position("y") - y) - Math.abs(b.position("y") - y));
  return byDistance[0] ?? null;
}

function alongColumn(cy, node, step) {
  const x = node.position("x");
  const column = cy.nodes().filter((n) => Math.abs(n.position("x") - x) < COLUMN_PX).toArray()
    .sort((a, b) => a.position("y") - b.position("y"));
  return column[column.findIndex((n) => n.same(node)) + step] ?? null;
}
