// The studio: boots with one request (who the key is, the projects), then routes by hash:
// #/ (catalog, filters in the query), #/asset/ID, #/asset/ID/versions, #/graph/ID,
// #/orphans, #/costs. The open view is polled every few seconds, nothing else.

import { ApiError, currentKey, forgetKey, gql, rememberKey } from "./api.js";
import { errorBox, h, replace } from "./dom.js";
import { catalogView } from "./views/catalog.js";
import { costsView } from "./views/costs.js";
import { detailView } from "./views/detail.js";
import { graphView } from "./views/graph.js";
import { orphansView } from "./views/orphans.js";
import { versionsView } from "./views/versions.js";

const POLL_MS = 4000;
const BOOT = `query Studio {
  viewer { keyId name scopes canWrite }
  projects(first: 100) { edges { node { code title } } }
}`;

const ROUTES = [
  [/^\/asset\/([^/]+)\/versions$/, versionsView],
  [/^\/asset\/([^/]+)$/, detailView],
  [/^\/graph\/([^/]+)$/, graphView],
  [/^\/orphans$/, orphansView],
  [/^\/costs$/, costsView],
  [/^\/?$/, catalogView],
];

const main = document.getElementById("main");
let open = null;
let context = null;
let started = false; // listeners set: a key typed again after a refusal boots again

function route() {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  for (const [pattern, view] of ROUTES) {
    const found = pattern.exec(path || "/");
    if (found) return { view, id: found[1] && decodeURIComponent(found[1]), params: new URLSearchParams(query) };
  }
  return { view: null, path };
}

async function show(_event, early) {
  open?.dispose?.();
  open = null;
  delete main.dataset.ready; // each view sets it once drawn
  const found = route();
  markNav(found.view);
  if (!found.view) {
    replace(main, h("h1", {}, "Not found"), h("p", {}, `No view at ${found.path}.`));
    return;
  }
  try {
    open = await found.view(main, found, context, early);
  } catch (error) {
    handle(error);
  }
}

function markNav(view) {
  const name = { [catalogView.name]: "catalog", [orphansView.name]: "orphans", [costsView.name]: "costs" }[view?.name];
  for (const link of document.querySelectorAll(".top nav a")) {
    if (link.dataset.view === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function handle(error) {
  if (error instanceof ApiError && error.code === "UNAUTHENTICATED") {
    forgetKey();
    askForKey(error.message);
  } else {
    replace(main, errorBox(error));
  }
}

function askForKey(problem) {
  const input = h("input", { type: "password", id: "key", name: "key", autocomplete: "off", required: true });
  const form = h(
    "form",
    { class: "key-form", "aria-labelledby": "key-title" },
    h("h1", { id: "key-title" }, "An API key, please"),
    h("p", {}, "This page uses the service's GraphQL API with your key; it keeps it for this tab only."),
    problem ? h("p", { class: "error", role: "alert" }, problem) : null,
    h("label", { for: "key" }, "API key"),
    input,
    h("button", { type: "submit" }, "Open the studio"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    rememberKey(input.value);
    // the skip link moves focus without touching the hash, which holds the route
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
boot();
  });
  replace(main, form);
  input.focus();
}

async function poll() {
  if (document.visibilityState !== "visible" || !open?.poll) return;
  try {
    await open.poll();
  } catch (error) {
    console.warn("poll failed", error);
  }
}

async function boot() {
  if (!currentKey()) return askForKey();
  const first = route();
  const early = first.view?.prefetch?.(first); // the view's first query, beside the boot's
  early?.catch(() => {});
  try {
    const data = await gql(BOOT);
    context = { viewer: data.viewer, projects: data.projects.edges.map((edge) => edge.node) };
  } catch (error) {
    return handle(error);
  }
  document.body.classList.toggle("can-write", context.viewer.canWrite);
  const role = context.viewer.canWrite ? "write" : "read only";
  replace(document.getElementById("who"), `${context.viewer.name} · ${role}`);
  if (!started) {
    window.addEventListener("hashchange", show);
    setInterval(poll, POLL_MS);
    started = true;
  }
  show(null, early);
}

// the skip link moves focus without touching the hash, which holds the route
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
boot();
