// A project's orphans grouped by root cause, with the cost to redo each group; each
// orphan's reasons and path, its impact, pin/unpin of the input, open in the graph.

import { gql } from "../api.js";
import { badge, errorBox, field, h, money, replace, shortId } from "../dom.js";
import { CARD_FIELDS, label, thumbnail } from "../media.js";
import { assetLink, graphLink, link } from "../router.js";

const QUERY = `query Orphans($project: String!) {
  orphans(projectCode: $project, first: 100) {
    totalCount
    estimatedCostMoney { amount currency }
    byRootCause { rootCause count estimatedCostMoney { amount currency } asset { id type slot version name prompt } }
    edges { node { ${CARD_FIELDS} orphanStatus { state reasons { kind rootCause path depth } pinnedInputs } } }
  }
}`;
const PIN = `mutation Pin($asset: ID!, $input: ID!) { pinInput(assetId: $asset, inputId: $input) { asset { id } } }`;
const UNPIN = `mutation Unpin($asset: ID!, $input: ID!) { unpinInput(assetId: $asset, inputId: $input) { asset { id } } }`;

export async function orphansView(main, route, context) {
  const project = route.params.get("project") ?? context.projects[0]?.code;
  if (!project) return replace(main, h("p", {}, "No project yet."));
  let shown = "";
  async function load() {
    const { orphans } = await gql(QUERY, { project });
    const fingerprint = JSON.stringify(orphans);
    if (fingerprint === shown) return;
    shown = fingerprint;
    replace(main, h("h1", {}, `Orphans of ${project}`), picker(project, context), summary(orphans), groups(orphans, context, load));
    main.dataset.ready = "true";
  }
  await load();
  return { poll: load };
}

export function picker(project, context, path = "/orphans", extra = {}) {
  const select = h("select", { name: "project", onchange: (event) => {
    location.hash = link(path, new URLSearchParams({ ...extra, project: event.target.value }));
  } }, context.projects.map((p) => h("option", { value: p.code, selected: p.code === project }, p.code)));
  return h("div", { class: "graph-controls" }, field("Project", select));
}

function summary(orphans) {
  return h("p", { class: "count", role: "status" }, `${orphans.totalCount} orphaned asset(s); redoing them all would cost ${money(orphans.estimatedCostMoney)}.`);
}

function groups(orphans, context, reload) {
  const byCause = new Map(orphans.byRootCause.map((g) => [g.rootCause, { group: g, items: [] }]));
  for (const { node } of orphans.edges) {
    for (const cause of new Set(node.orphanStatus.reasons.map((r) => r.rootCause))) byCause.get(cause)?.items.push(node);
  }
  return h("div", { class: "orphan-groups" }, [...byCause.values()].map(({ group, items }) => h(
    "section", { class: "block orphan-group" },
    h("h2", {}, "Root cause: ", group.asset ? h("a", { href: assetLink(group.asset.id) }, `${group.asset.type.toLowerCase()} ${group.asset.slot} v${group.asset.version}`) : h("code", {}, shortId(group.rootCause)),
      ` — ${group.count} orphan(s), ${money(group.estimatedCostMoney)} to redo`),
    h("ul", { class: "orphan-list" }, items.map((asset) => orphanItem(asset, group.rootCause, context, reload))),
  )));
}

function orphanItem(asset, cause, context, reload) {
  const reason = asset.orphanStatus.reasons.find((r) => r.rootCause === cause);
  const input = reason.path.at(-2);
  const pinned = asset.orphanStatus.pinnedInputs.includes(input);
  const out = h("p", { class: "muted", "aria-live": "polite" });
  const toggle = async () => {
    try {
      await gql(pinned ? UNPIN : PIN, { asset: asset.id, input });
      await reload();
    } catch (error) {
      replace(out, errorBox(error));
    }
  };
  return h("li", { class: "orphan-item" },
    h("a", { href: assetLink(asset.id), class: "card-link" }, thumbnail(asset), h("span", { class: "card-title" }, label(asset))),
    h("span", {}, badge(reason.kind.toLowerCase(), reason.kind), ` depth ${reason.depth} · path `,
      reason.path.map((id, index) => [index ? " → " : "", h("a", { href: assetLink(id) }, shortId(id))])),
    h("span", { class: "actions" },
      h("a", { class: "button", href: graphLink(asset.id, new URLSearchParams({ cause })) }, "Open in graph"),
      h("a", { class: "button", href: link(`/asset/${encodeURIComponent(asset.id)}/versions`) }, "Versions and impact"),
      context.viewer.canWrite && input && reason.depth === 1
        ? h("button", { type: "button", class: "write", onclick: toggle }, pinned ? "Unpin the input" : "Pin the input (accept it)") : null,
    ),
    out,
  );
}
