// The studio: boots with one request (who the key is, the projects; on this machine its
// answer comes with the page, see api.js), then routes by hash:
// #/ (catalog, filters in the query), #/asset/ID, #/asset/ID/versions, #/graph/ID,
// #/orphans, #/costs. The open view is polled every few seconds, nothing else.

import { ApiError, currentKey, forgetAnswersSentWithPage, forgetKey, gql, rememberKey } from "./api.js";
import { errorBox, h, replace } from "./dom.js";
import { catalogView } from "./views/catalog.js";

const POLL_MS = 4000;
const BOOT = `query Studio {
  viewer { keyId name scopes canWrite }
  projects(first: 100) { edges { node { code title } } }
}`;

// The catalog, the first screen, comes with the page; every other view's module is
// fetched when it is first opened, or once the page is idle after its first view.
const later = (file, name) => () => import(`./views/${file}.js`).then((module) => module[name]);
const ROUTES = [
  { pattern: /^\/asset\/([^/]+)\/versions$/, load: later("versions", "versionsView") },
  { pattern: /^\/asset\/([^/]+)$/, load: later("detail", "detailView") },
  { pattern: /^\/graph\/([^/]+)$/, load: later("graph", "graphView") },
  { pattern: /^\/orphans$/, nav: "orphans", load: later("orphans", "orphansView") },
  { pattern: /^\/costs$/, nav: "costs", load: later("costs", "costsView") },
  { pattern: /^\/?$/, nav: "catalog", load: async () => catalogView, prefetch: catalogView.prefetch },
];

const main = document.getElementById("main");
let open = null;
let context = null;
let started = false; // listeners set: a key typed again after a refusal boots again

function route() {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  for (const entry of ROUTES) {
    const found = entry.pattern.exec(path || "/");
    if (found) return { ...entry, id: found[1] && decodeURIComponent(found[1]), params: new URLSearchParams(query) };
  }
  return { load: null, path };
}

async function show(_event, early) {
  open?.dispose?.();
  open = null;
  delete main.dataset.ready; // each view sets it once drawn
  const found = route();
  markNav(found.nav);
  if (!found.load) {
    replace(main, h("h1", {}, "Not found"), h("p", {}, `No view at ${found.path}.`));
    return;
  }
  try {
    const view = await found.load();
    open = await view(main, found, context, early);
  } catch (error) {
    handle(error);
  }
}

function markNav(name) {
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
  const early = first.prefetch?.(first); // the view's first query, beside the boot's
  early?.catch(() => {});
  try {
    const data = await gql(BOOT);
    context = { viewer: data.viewer, projects: data.projects.edges.map((edge) => edge.node) };
  } catch (error) {
    return handle(error);
  } finally {
    forgetAnswersSentWithPage(); // the first view's prefetch took its own, if any
  }
  document.body.classList.toggle("can-write", context.viewer.canWrite);
  const role = context.viewer.canWrite ? "write" : "read only";
  replace(document.getElementById("who"), `${context.viewer.name} · ${role}`);
  if (!started) {
    window.addEventListener("hashchange", show);
    setInterval(poll, POLL_MS);
    started = true;
  }
  await show(null, early);
  afterFirstScreen(() => ROUTES.forEach((entry) => entry.load().catch(() => {})));
}

// The other views' modules, to open at once, fetched only once the first screen's images
// are in (the window's load event) and the page is idle: not competing with them for the
// service or the main thread.
function afterFirstScreen(work) {
  const whenIdle = () => requestIdleCallback(work, { timeout: 5000 });
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}

// the skip link moves focus without touching the hash, which holds the route
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
boot();
