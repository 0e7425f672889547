// The lineage graph: upstream and downstream of an asset as a left-to-right DAG
// (Cytoscape.js with its dagre layout, pinned and served by this service), nodes with
// thumbnails, type, version and orphan badges, edges labelled by type and frame role.
// Click a node to focus it, expand it to see its own neighbours, follow an orphan's
// root-cause path (highlighted). Wide fan-outs are folded into "+N more" nodes
// (graph-fold.js). Depth and direction live in the URL. The keyboard reaches every node
// too (graph-keys.js).

import { gql } from "../api.js";
import { badge, errorBox, field, h, replace, shortId } from "../dom.js";
import { label } from "../media.js";
import { assetLink, graphLink } from "../router.js";
import { fold } from "./graph-fold.js";
import { KEYS_HELP, keyboardFor, select } from "./graph-keys.js";

const SCRIPTS = [
  "/web/vendor/cytoscape@3.35.0/dist/cytoscape.min.js",
  "/web/vendor/cytoscape-dagre@4.0.1/dist/cytoscape-dagre.min.js",
];
const NODE_ASSET = `id type slot version isCurrent status name prompt preview { url }
  orphanStatus { state reasons { kind rootCause path depth } pinnedInputs }`;
const QUERY = `query LineageGraph($id: ID!, $depth: Int!, $direction: LineageDirection!) {
  lineage(id: $id, depth: $depth, direction: $direction) {
    rootId truncated
    nodes { id kind distance properties asset { ${NODE_ASSET} } }
    edges { fromId toId type properties }
  }
}`;
// Below this zoom labels cannot be read: a graph that fits the canvas only smaller (a
// few hundred nodes) is shown at this zoom around its root; 0 on the canvas fits it whole.
const READABLE_ZOOM = 0.6;
const COLOURS = { STALE: "#d97706", BROKEN: "#dc2626", INHERITED: "#a855f7", OK: "#64748b" };

let loading = null;

function loadLibrary() {
  loading ??= SCRIPTS.reduce((chain, src) => chain.then(() => new Promise((resolve, reject) => {
    const script = h("script", { src });
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => reject(new Error(`${src} did not load: run \`make install\` (lineage web-assets)`)));
    document.head.append(script);
  })), Promise.resolve()).then(() => window.cytoscape.use(window.cytoscapeDagre));
  return loading;
}

export async function graphView(main, route) {
  const params = route.params;
  const depth = Number(params.get("depth") ?? 2);
  const direction = params.get("direction") ?? "BOTH";
  const canvas = h("div", {
    class: "graph-canvas", tabindex: 0, role: "application", "aria-roledescription": "lineage graph",
    "aria-label": "Lineage graph; the list below names every node", "aria-describedby": "graph-help",
  });
  const announcer = h("p", { class: "graph-selection", "aria-live": "polite", "aria-atomic": "true" });
  const panel = h("aside", { class: "graph-panel", "aria-live": "polite" });
  const list = h("ul", { class: "graph-list", "aria-label": "Nodes of the graph" });
  const status = h("p", { class: "count", role: "status" }, "Loading the graph…");
  replace(main,
    h("h1", {}, "Lineage of ", h("a", { href: assetLink(route.id) }, shortId(route.id))),
    controls(route.id, params, depth, direction),
    status,
    h("p", { class: "graph-help muted", id: "graph-help" }, KEYS_HELP),
    announcer,
    h("div", { class: "graph-layout" }, canvas, panel),
    h("details", { class: "graph-nodes" }, h("summary", {}, "Every node as a list"), list),
  );
  await loadLibrary();
  const cy = window.cytoscape({
    container: canvas, elements: [], minZoom: 0.02, maxZoom: 3,
    style: STYLE,
  });
  const state = {
    cy, route, canvas, announcer, panel, list, status, seen: "",
    nodes: new Map(), edges: new Map(), opened: new Set(), path: [], truncated: false,
  };
  await refresh(state, route.id, depth, direction, true);
  cy.on("tap", "node", (event) => focus(state, event.target.id()));
  keyboardFor(state, {
    focus: (id) => focus(state, id),
    open: (id) => { location.hash = assetLink(id); },
    expand: (id) => expand(state, id),
  });
  const cause = params.get("cause");
  highlightCause(state, cause);
  main.dataset.ready = "true";
  return {
    dispose: () => cy.destroy(),
    poll: () => refresh(state, route.id, depth, direction, false),
  };
}

function controls(id, params, depth, direction) {
  const update = (name) => (event) => {
    const next = new URLSearchParams(params);
    next.set(name, event.target.value);
    location.hash = graphLink(id, next);
  };
  const depthSelect = h("select", { name: "depth", onchange: update("depth") },
    [1, 2, 3, 4, 5, 6].map((d) => h("option", { value: d, selected: d === depth }, String(d))));
  const directionSelect = h("select", { name: "direction", onchange: update("direction") },
    [["BOTH", "upstream and downstream"], ["UPSTREAM", "upstream only"], ["DOWNSTREAM", "downstream only"]]
      .map(([value, text]) => h("option", { value, selected: value === direction }, text)));
  return h("div", { class: "graph-controls" }, field("Depth", depthSelect), field("Direction", directionSelect),
    h("span", { class: "legend" }, ["STALE", "BROKEN", "INHERITED"].map((s) => badge(s.toLowerCase(), s))));
}

async function refresh(state, id, depth, direction, first) {
  const { lineage } = await gql(QUERY, { id, depth, direction });
  const fingerprint = JSON.stringify(lineage.nodes.map((n) => [n.id, n.asset?.orphanStatus?.state, n.asset?.isCurrent]));
  if (fingerprint === state.seen) return;
  state.seen = fingerprint;
  state.truncated = lineage.truncated;
  merge(state, lineage);
  if (first) focus(state, lineage.rootId);
  else highlightCause(state, state.cause);
}

// Adds what `lineage` found to what is known and draws it again.
function merge(state, lineage) {
  for (const node of lineage.nodes) state.nodes.set(node.id, node);
  for (const edge of lineage.edges) state.edges.set(`${edge.fromId}|${edge.type}|${edge.toId}`, edge);
  draw(state);
}

// Draws the nodes the folds leave shown, a "+N more" node for each fold, and the edges
// among them; lays them out and says what is drawn in the status line.
function draw(state) {
  const { cy } = state;
  const rootId = state.route.id;
  const drawing = fold({ nodes: state.nodes, edges: [...state.edges.values()], rootId, opened: state.opened, kept: new Set(state.path) });
  const elements = [
    ...[...drawing.shown].map((id) => ({ group: "nodes", data: nodeData(state.nodes.get(id), drawing.around.get(id)), classes: classesOf(state.nodes.get(id)) })),
    ...drawing.folds.flatMap((group) => moreElements(state, group)),
    ...[...state.edges.entries()].filter(([, e]) => drawing.shown.has(e.fromId) && drawing.shown.has(e.toId)).map(edgeElement),
  ];
  const wanted = new Set(elements.map((element) => element.data.id));
  cy.batch(() => {
    cy.elements().filter((element) => !wanted.has(element.id())).remove();
    for (const element of elements) {
      const existing = cy.getElementById(element.data.id);
      if (existing.empty()) cy.add(element);
      else if (element.group === "nodes") existing.data(element.data).classes(element.classes);
    }
  });
  const whole = layout(cy, rootId);
  cy.getElementById(rootId).addClass("root");
  replace(state.status, statusLine(state, drawing, whole));
  markPath(state);
  renderList(state);
}

function edgeElement([id, edge]) {
  const role = edge.properties?.role;
  const text = edge.type.toLowerCase().replace("_", " ") + (role ? ` (${String(role).toLowerCase()})` : "");
  // drawn from what it came from to what was built: left to right
  return { group: "edges", data: { id, source: edge.toId, target: edge.fromId, label: text }, classes: edge.type.toLowerCase() };
}

// A fold's "+N more" node, beside its owner on the fold's side, and the edge to it.
function moreElements(state, group) {
  const id = `more:${group.key}`;
  const count = group.hidden.length;
  const owner = describeNode(state.nodes.get(group.ownerId));
  const title = group.side === "down" ? `${count} more built from ${owner}` : `${count} more that ${owner} came from`;
  const [source, target] = group.side === "down" ? [group.ownerId, id] : [id, group.ownerId];
  return [
    { group: "nodes", data: { id, more: group.key, owner: group.ownerId, label: `+${count} more`, title, kind: "MORE" }, classes: "more" },
    { group: "edges", data: { id: `${id}|edge`, source, target, label: "" }, classes: "folded" },
  ];
}

function statusLine(state, drawing, whole) {
  const more = state.truncated ? " (more beyond this depth: raise it or expand a node)" : "";
  const folded = drawing.folds.length
    ? `; ${drawing.shown.size} drawn, the others behind ${drawing.folds.length} “+N more” nodes (open one to draw them)` : "";
  const shown = whole ? "" : "; shown around its root at a readable size (0 on the graph fits it whole)";
  return `${state.nodes.size} nodes, ${state.edges.size} edges${more}${folded}${shown}`;
}

// Lays the graph out and fits it, unless it would be too small to read (then it is shown
// around `rootId`); whether it fits whole. Timed with the Performance API
// ("lineage-graph-layout").
function layout(cy, rootId) {
  performance.mark("lineage-graph-layout-start");
  cy.layout({ name: "dagre", rankDir: "LR", nodeSep: 24, rankSep: 90, edgeSep: 10, animate: false }).run();
  performance.measure("lineage-graph-layout", "lineage-graph-layout-start");
  if (cy.zoom() >= READABLE_ZOOM) return true;
  cy.zoom(READABLE_ZOOM);
  cy.center(cy.getElementById(rootId));
  return false;
}

// What a node shows; `around` (its neighbours, graph-fold.js) gives the counts the
// keyboard's live line says, folded ones included.
function nodeData(node, around) {
  const asset = node.asset;
  const props = node.properties ?? {};
  const counts = { upstream: around?.up.length ?? 0, downstream: around?.down.length ?? 0 };
  if (!asset) {
    const text = props.text ? String(props.text).slice(0, 40) : node.id;
    return { id: node.id, label: `${node.kind.toLowerCase().replace("_", " ")}\n${text}`, kind: node.kind, title: props.text ?? node.id, ...counts };
  }
  const state = asset.orphanStatus.state;
  const badgeText = state === "OK" ? "" : `\n${state}${asset.orphanStatus.pinnedInputs.length ? " · pinned" : ""}`;
  const thumb = asset.preview?.url ?? null;
  return {
    id: node.id, kind: node.kind, asset, thumb, title: label(asset),
    label: `${describeNode(node)}${asset.isCurrent ? " ★" : ""}${badgeText}`,
    colour: COLOURS[state], ...counts,
  };
}

function describeNode(node) {
  const asset = node?.asset;
  return asset ? `${asset.type.toLowerCase()} ${asset.slot} v${asset.version}` : shortId(node?.id ?? "");
}

function classesOf(node) {
  const asset = node.asset;
  if (!asset) return ["prompt", node.kind.toLowerCase()];
  return ["asset", asset.type.toLowerCase(), asset.orphanStatus.state.toLowerCase(),
    asset.orphanStatus.pinnedInputs.length ? "pinned" : "", asset.preview ? "with-thumb" : ""].filter(Boolean);
}

function focus(state, id) {
  const { cy, panel } = state;
  const node = cy.getElementById(id);
  if (node.empty()) return;
  if (node.data("more")) {
    unfold(state, node.data("more"), node.data("owner"));
    return;
  }
  cy.elements().removeClass("focused neighbour faded");
  const around = node.closedNeighborhood();
  cy.elements().not(around).addClass("faded");
  around.addClass("neighbour");
  node.addClass("focused");
  select(state, node, false);
  const data = node.data();
  const asset = data.asset;
  replace(panel,
    h("h2", {}, data.title),
    asset ? h("p", {}, badge(asset.type.toLowerCase(), "type"), " ", badge(`v${asset.version}`, "version"), " ", asset.orphanStatus.state !== "OK" ? badge(asset.orphanStatus.state.toLowerCase(), asset.orphanStatus.state) : null) : h("p", {}, data.kind.toLowerCase()),
    asset ? reasonsOf(state, asset) : null,
    h("div", { class: "actions" },
      asset ? h("a", { class: "button", href: assetLink(id) }, "Open") : null,
      h("button", { type: "button", onclick: () => expand(state, id) }, "Expand its neighbours"),
      h("a", { class: "button", href: graphLink(id) }, "Centre the graph here"),
    ),
  );
}

function reasonsOf(state, asset) {
  if (!asset.orphanStatus.reasons.length) return null;
  return h("ul", { class: "reasons" }, asset.orphanStatus.reasons.map((reason) => h("li", {},
    `${reason.kind.toLowerCase()} because of `, h("code", {}, shortId(reason.rootCause)), " ",
    h("button", { type: "button", onclick: () => highlightPath(state, reason.path) }, "Highlight its path"),
  )));
}

// Draws a fold's nodes, and keeps its owner focused.
function unfold(state, key, ownerId) {
  state.opened.add(key);
  draw(state);
  focus(state, ownerId);
}

// Fetches a node's own neighbours and draws them all (its fan-outs unfolded).
async function expand(state, id) {
  const more = state.cy.getElementById(id).data("more");
  if (more) {
    focus(state, id);
    return;
  }
  replace(state.status, `Expanding ${shortId(id)}…`);
  try {
    const { lineage } = await gql(QUERY, { id, depth: 1, direction: "BOTH" });
    state.opened.add(`down:${id}`).add(`up:${id}`);
    merge(state, lineage);
    focus(state, id);
  } catch (error) {
    replace(state.status, errorBox(error));
  }
}

function highlightCause(state, cause) {
  state.cause = cause;
  const root = state.cy.getElementById(state.route.id).data("asset");
  const reason = root?.orphanStatus.reasons.find((r) => !cause || r.rootCause === cause);
  if (reason) highlightPath(state, reason.path);
}

// Draws `path` (node ids) in red, unfolding what hides part of it.
function highlightPath(state, path) {
  state.path = path;
  if (path.some((id) => state.nodes.has(id) && state.cy.getElementById(id).empty())) draw(state);
  else {
    markPath(state);
    renderList(state);
  }
}

function markPath(state) {
  const { cy, path } = state;
  cy.elements().removeClass("on-path");
  path.forEach((id, index) => {
    cy.getElementById(id).addClass("on-path");
    const next = path[index + 1];
    if (next) cy.edges().filter((e) => (e.source().id() === id && e.target().id() === next) || (e.source().id() === next && e.target().id() === id)).addClass("on-path");
  });
}

// Every node known, drawn or folded, as text.
function renderList(state) {
  const onPath = new Set(state.path);
  replace(state.list, [...state.nodes.values()].map((node) => {
    const text = nodeData(node).label;
    return h("li", { class: onPath.has(node.id) ? "on-path" : "" },
      node.asset ? h("a", { href: assetLink(node.id) }, text.replace("\n", " · ")) : text.replace("\n", ": "),
      onPath.has(node.id) ? " (on the root-cause path)" : "",
      state.cy.getElementById(node.id).empty() ? " (folded)" : "",
    );
  }));
}

const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "text-wrap": "wrap", "text-max-width": 140, "font-size": 10,
    "text-valign": "bottom", "text-margin-y": 4, width: 64, height: 64, shape: "round-rectangle",
    "min-zoomed-font-size": 6,
    "background-color": "#e2e8f0", "border-width": 3, "border-color": "data(colour)", color: "#1e293b",
  } },
  { selector: "node.more", style: {
    shape: "ellipse", width: 40, height: 40, "background-color": "#f8fafc", "border-style": "dashed",
    "border-color": "#64748b", "text-valign": "center", "text-margin-y": 0, "font-size": 11,
  } },
  { selector: "node.prompt", style: { shape: "round-tag", "background-color": "#dbeafe", "border-color": "#3b82f6", width: 48, height: 48 } },
  { selector: "node.with-thumb", style: { "background-image": "data(thumb)", "background-fit": "cover", "background-image-crossorigin": "null" } },
  { selector: "node.video", style: { "background-color": "#fde68a" } },
  { selector: "node.audio, node.music", style: { "background-color": "#bbf7d0" } },
  { selector: "node.stale, node.broken, node.inherited", style: { "border-width": 6, "border-style": "dashed" } },
  { selector: "node.root", style: { "underlay-color": "#3b82f6", "underlay-opacity": 0.25, "underlay-padding": 8 } },
  { selector: "node.focused", style: { "overlay-color": "#2563eb", "overlay-opacity": 0.15 } },
  { selector: ".faded", style: { opacity: 0.35 } },
  { selector: "edge", style: {
    width: 2, "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#94a3b8",
    "target-arrow-color": "#94a3b8", label: "data(label)", "font-size": 8, "text-rotation": "autorotate",
    "text-background-color": "#fff", "text-background-opacity": 0.8, color: "#475569",
    "min-zoomed-font-size": 6,
  } },
  { selector: "edge.uses_frame", style: { "line-style": "dashed" } },
  { selector: "edge.folded", style: { "line-style": "dashed", "line-color": "#cbd5e1", "target-arrow-shape": "none" } },
  { selector: "edge.regenerates", style: { "line-style": "dotted", "line-color": "#cbd5e1" } },
  { selector: "edge.on-path", style: { "line-color": "#dc2626", "target-arrow-color": "#dc2626", width: 4, opacity: 1 } },
  { selector: "node.on-path", style: { "border-color": "#dc2626", "border-width": 6, "border-style": "solid", opacity: 1 } },
  { selector: "node.key-selected", style: { "border-color": "#1d4ed8", "border-width": 8, "border-style": "double", opacity: 1, "z-index": 10 } },
];
