// The catalog: every asset as a card with its preview; filters and sort in the URL,
// pages by the API's keyset cursors as the grid scrolls. The first screen is one query.

import { gql } from "../api.js";
import { badge, errorBox, field, h, replace, when } from "../dom.js";
import { CARD_FIELDS, label, thumbnail } from "../media.js";
import { assetLink, navigate } from "../router.js";

const PAGE = 60;
// The first page: the most cards a wide screen shows (4 rows of 6), fetched and laid out
// at once; the next pages come as the grid is scrolled.
const FIRST_SCREEN = 24;
const TYPES = ["IMAGE", "VIDEO", "AUDIO", "MUSIC", "THUMBNAIL"];
const STATUSES = ["READY", "GENERATING", "FAILED", "ARCHIVED"];
const SORTS = {
  new: ["Newest first", { field: "CREATED_AT", direction: "DESC" }],
  old: ["Oldest first", { field: "CREATED_AT", direction: "ASC" }],
  costly: ["Most expensive", { field: "COST", direction: "DESC" }],
  cheap: ["Cheapest", { field: "COST", direction: "ASC" }],
  name: ["Name A–Z", { field: "NAME", direction: "ASC" }],
};
const QUERY = `query Catalog($filter: AssetFilter, $orderBy: AssetOrder, $first: Int, $after: String) {
  assets(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${CARD_FIELDS} } matchedPrompts { id text } }
  }
}`;

export async function catalogView(main, route, context, early) {
  const params = route.params;
  const grid = h("ul", { class: "grid", "aria-label": "Assets" });
  const status = h("p", { class: "count", role: "status" }, "Loading…");
  const more = h("button", { type: "button", class: "more", hidden: true }, "Load more");
  replace(main, h("h1", { class: "visually-hidden" }, "Catalog"), filterForm(params, context), status, grid, more);
  const variables = variablesOf(params);
  const cards = new Map();
  let cursor = null;
  let loading = false;

  async function load() {
    if (loading) return;
    loading = true;
    try {
      const data = await (early ?? gql(QUERY, cursor ? { ...variables, first: PAGE, after: cursor } : variables));
      early = null;
      performance.mark("catalog:page-received");
      const { edges, pageInfo, totalCount } = data.assets;
      for (const edge of edges) {
        const card = cardOf(edge, cards.size < FIRST_SCREEN);
        cards.set(edge.node.id, card);
        grid.append(card);
      }
      cursor = pageInfo.endCursor;
      more.hidden = !pageInfo.hasNextPage;
      replace(status, `${totalCount} asset${totalCount === 1 ? "" : "s"}`);
      main.dataset.ready = "true";
      performance.mark("catalog:page-drawn");
    } catch (error) {
      replace(status, errorBox(error));
    } finally {
      loading = false;
    }
  }

  more.addEventListener("click", load);
  // The next page: once the grid is scrolled near its end, or at once on a screen taller
  // than the first page; nothing more while the first screen loads.
  const seen = (entries) => {
    if (entries.some((entry) => entry.isIntersecting) && !more.hidden) load();
  };
  const nearEnd = new IntersectionObserver(seen, { rootMargin: "600px" });
  const onScreen = new IntersectionObserver(seen);
  const scrolled = () => nearEnd.observe(more);
  window.addEventListener("scroll", scrolled, { once: true, passive: true });
  onScreen.observe(more);
  await load();

  return {
    dispose: () => {
      window.removeEventListener("scroll", scrolled);
      nearEnd.disconnect();
      onScreen.disconnect();
    },
    poll: async () => {
      const data = await gql(QUERY, { ...variables, first: Math.min(cards.size || PAGE, 100) });
      for (const edge of data.assets.edges) cards.get(edge.node.id)?.querySelector(".badges").replaceWith(badgesOf(edge.node));
    },
  };
}

// the first page's variables; the next pages ask for `PAGE` cards after a cursor
function variablesOf(params) {
  return { filter: filterOf(params), orderBy: (SORTS[params.get("sort")] ?? SORTS.new)[1], first: FIRST_SCREEN };
}

// The first page, asked for while the page boots (one round trip less to the first screen).
catalogView.prefetch = (route) => gql(QUERY, variablesOf(route.params));

function filterOf(params) {
  const filter = {};
  for (const name of ["type", "provider", "model", "status", "slot", "search"]) {
    if (params.get(name)) filter[name] = params.get(name);
  }
  if (params.get("project")) filter.projectCode = params.get("project");
  if (params.get("from")) filter.createdFrom = `${params.get("from")}T00:00:00Z`;
  if (params.get("to")) filter.createdTo = nextDay(params.get("to"));
  if (params.get("orphaned")) filter.orphaned = params.get("orphaned") === "yes";
  if (params.get("current") === "yes") filter.currentOnly = true;
  return filter;
}

function nextDay(date) {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString();
}

function filterForm(params, context) {
  const choose = (name, text, options, all = "Any") => field(text, h(
    "select", { name },
    h("option", { value: "" }, all),
    options.map(([value, shown]) => h("option", { value, selected: params.get(name) === value }, shown)),
  ));
  const typed = (name, text, type = "text", extra = {}) =>
    field(text, h("input", { name, type, value: params.get(name) ?? "", ...extra }));
  const pairs = (values) => values.map((value) => [value, value.toLowerCase()]);
  const form = h(
    "form", { class: "filters", role: "search", "aria-label": "Filter the catalog" },
    typed("search", "Prompt search", "search", { placeholder: "words in any script", class: "search" }),
    choose("type", "Type", pairs(TYPES)),
    choose("status", "Status", pairs(STATUSES)),
    choose("project", "Project", context.projects.map((p) => [p.code, p.title ? `${p.code} ${p.title}` : p.code])),
    typed("slot", "Slot", "text", { placeholder: "needs a project", size: 9 }),
    typed("provider", "Provider", "text", { size: 9 }),
    typed("model", "Model", "text", { size: 10 }),
    typed("from", "From", "date"),
    typed("to", "To", "date"),
    choose("orphaned", "Orphaned", [["yes", "orphaned"], ["no", "not orphaned"]]),
    choose("sort", "Sort", Object.entries(SORTS).map(([value, [shown]]) => [value, shown]), "Newest first"),
    h("button", { type: "submit" }, "Apply"),
    h("a", { href: "#/", class: "reset" }, "Clear"),
  );
  const apply = () => {
    const chosen = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (String(value).trim()) chosen.set(name, String(value).trim());
    navigate("/", chosen);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  form.addEventListener("change", (event) => {
    if (event.target.name !== "search") apply();
  });
  return form;
}

function cardOf(edge, eager) {
  const asset = edge.node;
  const matched = edge.matchedPrompts?.[0];
  return h(
    "li", { class: eager ? "card" : "card below", dataset: { id: asset.id, type: asset.type } },
    h(
      "a", { href: assetLink(asset.id), class: "card-link", "aria-label": `${asset.type.toLowerCase()} ${label(asset)}` },
      thumbnail(asset, eager),
      h("span", { class: "card-title" }, label(asset)),
    ),
    badgesOf(asset),
    h("span", { class: "card-meta" }, `${asset.provider} · ${asset.model}`),
    h("span", { class: "card-meta" }, `${asset.projectCode ?? "no project"} · ${asset.slot} · ${when(asset.createdAt)}`),
    matched ? h("span", { class: "card-match" }, "matched: ", h("q", {}, matched.text.slice(0, 90))) : null,
  );
}

export function badgesOf(asset) {
  const state = asset.orphanStatus?.state ?? "OK";
  return h(
    "span", { class: "badges" },
    badge(asset.type.toLowerCase(), "type"),
    badge(`v${asset.version}`, "version"),
    asset.isCurrent ? badge("current", "current") : null,
    asset.status !== "READY" ? badge(asset.status.toLowerCase(), asset.status) : null,
    state !== "OK" ? badge(state.toLowerCase(), state) : null,
  );
}
