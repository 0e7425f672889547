// A slot's whole history: a timeline of attempts, two of them compared side by side
// (a wipe slider for images, parameter differences marked), revert with its impact
// shown before it is confirmed, archive. Write buttons only for a write key.

import { gql } from "../api.js";
import { badge, errorBox, h, money, replace, when } from "../dom.js";
import { CARD_FIELDS, fullMedia, label } from "../media.js";
import { assetLink, graphLink, versionsLink } from "../router.js";

const VERSION = `${CARD_FIELDS} estimatedCostMoney { amount currency } error params media { width height }`;
const QUERY = `query Versions($id: ID!) { asset(id: $id) { id slot projectCode versions { ${VERSION} } } }`;
const IMPACT = `query RevertImpact($id: ID!) {
  impact(assetId: $id, action: REVERT) {
    estimatedCostMoney { amount currency }
    orphaned { depth alreadyOrphaned status { state } asset { id type slot version name prompt } }
    restored { id type slot version name prompt }
  }
}`;
const REVERT = `mutation Revert($id: ID!) { revertTo(assetId: $id) { asset { id } orphanedIds restoredIds } }`;
const ARCHIVE = `mutation Archive($id: ID!) { archiveAsset(id: $id) { asset { id } orphanedIds } }`;

export async function versionsView(main, route, context) {
  const dialog = h("section", { class: "impact", "aria-live": "polite" }); // kept across reloads
  let shown = "";
  async function load() {
    const { asset } = await gql(QUERY, { id: route.id });
    const fingerprint = JSON.stringify(asset.versions.map((v) => [v.id, v.status, v.isCurrent, v.orphanStatus]));
    if (fingerprint === shown) return;
    shown = fingerprint;
    replace(main, page(asset, route, context, dialog, load));
    main.dataset.ready = "true";
  }
  await load();
  return { poll: load };
}

function chosenPair(versions, params) {
  const byId = new Map(versions.map((v) => [v.id, v]));
  const current = versions.find((v) => v.isCurrent) ?? versions.at(-1);
  const previous = versions.filter((v) => v.id !== current.id).at(-1) ?? current;
  return [byId.get(params.get("a")) ?? previous, byId.get(params.get("b")) ?? current];
}

function page(asset, route, context, dialog, reload) {
  const versions = asset.versions;
  const [a, b] = chosenPair(versions, route.params);
  const choose = (side, version) => {
    const params = new URLSearchParams(route.params);
    params.set(side, version.id);
    location.hash = versionsLink(route.id, params);
  };
  return h(
    "article", { class: "versions" },
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "#/" }, "Catalog"), " › ", h("a", { href: assetLink(route.id) }, label(b))),
    h("h1", {}, `Versions of ${asset.projectCode ?? ""} ${asset.slot}`),
    h("table", { class: "timeline" },
      h("caption", { class: "visually-hidden" }, "Every attempt of the slot, oldest first"),
      h("thead", {}, h("tr", {}, ["A", "B", "Version", "Status", "Provider · model", "Cost", "Created", "Orphan", ""].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, versions.map((version) => row(version, a, b, choose, context, dialog, reload))),
    ),
    dialog,
    compare(a, b),
  );
}

function row(version, a, b, choose, context, dialog, reload) {
  const radio = (side, picked) => h("input", {
    type: "radio", name: `side-${side}`, checked: picked.id === version.id,
    "aria-label": `compare v${version.version} as ${side.toUpperCase()}`,
    onchange: () => choose(side, version),
  });
  const writable = context.viewer.canWrite;
  const state = version.orphanStatus.state;
  return h(
    "tr", { class: version.isCurrent ? "is-current" : "", dataset: { id: version.id } },
    h("td", {}, radio("a", a)), h("td", {}, radio("b", b)),
    h("th", { scope: "row" }, h("a", { href: assetLink(version.id) }, `v${version.version}`), version.isCurrent ? [" ", badge("current", "current")] : null),
    h("td", {}, badge(version.status.toLowerCase(), version.status), version.error ? h("span", { class: "error-text" }, ` ${version.error}`) : null),
    h("td", {}, `${version.provider} · ${version.model}`),
    h("td", {}, money(version.estimatedCostMoney)),
    h("td", {}, when(version.createdAt)),
    h("td", {}, state === "OK" ? "—" : badge(state.toLowerCase(), state)),
    h("td", { class: "row-actions" },
      writable && !version.isCurrent && version.status === "READY"
        ? h("button", { type: "button", class: "write", onclick: () => previewRevert(version, dialog, reload) }, `Revert to v${version.version}…`) : null,
      writable && version.status !== "ARCHIVED"
        ? h("button", { type: "button", class: "write secondary", onclick: () => confirmArchive(version, dialog, reload) }, "Archive…") : null,
    ),
  );
}

async function previewRevert(version, dialog, reload) {
  replace(dialog, h("p", {}, `Computing what reverting to v${version.version} would change…`));
  try {
    const { impact } = await gql(IMPACT, { id: version.id });
    replace(dialog,
      h("h2", {}, `Revert to v${version.version}?`),
      h("p", {}, `${impact.orphaned.length} asset(s) would be orphaned (cost to redo ${money(impact.estimatedCostMoney)}), ${impact.restored.length} restored.`),
      impactList("Would be orphaned", impact.orphaned.map((i) => [i.asset, `${i.status.state.toLowerCase()} at depth ${i.depth}`])),
      impactList("Would be restored", impact.restored.map((asset) => [asset, "no longer orphaned"])),
      h("div", { class: "actions" },
        h("button", { type: "button", class: "write danger", onclick: () => run(REVERT, version, dialog, reload, "Reverted") }, `Confirm revert to v${version.version}`),
        h("button", { type: "button", onclick: () => replace(dialog) }, "Cancel"),
      ),
    );
    dialog.querySelector("button")?.focus();
  } catch (error) {
    replace(dialog, errorBox(error));
  }
}

function confirmArchive(version, dialog, reload) {
  replace(dialog,
    h("h2", {}, `Archive v${version.version}?`),
    h("p", {}, "Its file and history are kept; what was built from it becomes orphaned."),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "write danger", onclick: () => run(ARCHIVE, version, dialog, reload, "Archived") }, `Confirm archive of v${version.version}`),
      h("button", { type: "button", onclick: () => replace(dialog) }, "Cancel"),
    ),
  );
  dialog.querySelector("button")?.focus();
}

async function run(mutation, version, dialog, reload, done) {
  try {
    await gql(mutation, { id: version.id });
    await reload();
    replace(dialog, h("p", { role: "status", class: "done" }, `${done} v${version.version}.`));
  } catch (error) {
    replace(dialog, errorBox(error));
  }
}

function impactList(title, items) {
  if (!items.length) return null;
  return h("div", {}, h("h3", {}, title), h("ul", {}, items.map(([asset, what]) =>
    h("li", {}, h("a", { href: assetLink(asset.id) }, `${asset.type.toLowerCase()} ${asset.slot} v${asset.version}`), ` — ${what}`),
  )));
}

function compare(a, b) {
  return h(
    "section", { class: "compare", "aria-label": "Compare two versions" },
    h("h2", {}, `Compare v${a.version} (A) with v${b.version} (B)`),
    h("div", { class: "side-by-side" }, side("A", a), side("B", b)),
    a.type === "IMAGE" || a.type === "THUMBNAIL" ? wipe(a, b) : null,
    paramDiff(a, b),
  );
}

function side(name, version) {
  return h("figure", { class: "side" }, fullMedia(version), h("figcaption", {}, `${name}: v${version.version} · ${version.model} · `, h("a", { href: graphLink(version.id) }, "graph")));
}

function wipe(a, b) {
  if (!a.signedUrl || !b.signedUrl) return null;
  const top = h("div", { class: "wipe-top" }, h("img", { src: b.signedUrl, alt: `B: v${b.version}` }));
  const slider = h("input", { type: "range", min: 0, max: 100, value: 50, "aria-label": "Wipe between A and B (percent of B shown)" });
  const setAt = () => top.style.setProperty("clip-path", `inset(0 0 0 ${100 - Number(slider.value)}%)`);
  slider.addEventListener("input", setAt);
  setAt();
  return h("div", { class: "wipe-block" },
    h("h3", {}, "A/B wipe"),
    h("div", { class: "wipe" }, h("img", { src: a.signedUrl, alt: `A: v${a.version}` }), top),
    slider,
  );
}

function paramDiff(a, b) {
  const keys = [...new Set([...Object.keys(a.params ?? {}), ...Object.keys(b.params ?? {})])].sort();
  const shown = (value) => (value === undefined ? "—" : JSON.stringify(value));
  const fixed = [["provider", a.provider, b.provider], ["model", a.model, b.model], ["prompt", a.prompt, b.prompt]];
  const rows = [...fixed, ...keys.map((key) => [key, a.params?.[key], b.params?.[key]])];
  return h("table", { class: "param-diff" },
    h("caption", {}, "Parameters (differences marked)"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Parameter"), h("th", { scope: "col" }, `A v${a.version}`), h("th", { scope: "col" }, `B v${b.version}`))),
    h("tbody", {}, rows.map(([key, left, right]) => {
      const differs = shown(left) !== shown(right);
      return h("tr", { class: differs ? "differs" : "" },
        h("th", { scope: "row" }, key, differs ? h("span", { class: "visually-hidden" }, " (differs)") : null),
        h("td", {}, shown(left)), h("td", {}, shown(right)));
    })),
  );
}

