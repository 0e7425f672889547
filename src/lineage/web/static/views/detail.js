// One asset: its media at full size, every parameter, the prompt chain, sources and
// frames, the workflow run, project, costs, file facts; polled so a change upstream shows.

import { gql } from "../api.js";
import { badge, bytes, errorBox, h, money, replace, shortId, when } from "../dom.js";
import { CARD_FIELDS, fullMedia, label, thumbnail } from "../media.js";
import { assetLink, graphLink, versionsLink } from "../router.js";
import { badgesOf } from "./catalog.js";

const PROMPT = "id kind text role createdAt refinedByModel revisedAt";
const STEP = `${PROMPT} revisions { ${PROMPT} }`; // a prompt with every version of it
const CHAIN = `prompts { ${STEP} refinedFrom { ${STEP} refinedFrom { ${STEP} } } }`;
const QUERY = `query AssetDetail($id: ID!) {
  asset(id: $id) {
    ${CARD_FIELDS}
    mediaType estimatedCostMoney { amount currency }
    filename url error completedAt generationTimeMs fileRef fileSha256 fileSizeBytes
    fileProblem metadataMissing params
    media { width height durationSeconds }
    ${CHAIN}
    sources { ${CARD_FIELDS} ${CHAIN} }
    frames { role position asset { ${CARD_FIELDS} ${CHAIN} } }
    usedBy { ${CARD_FIELDS} }
    workflow { id engine workflowId executionId status startedAt finishedAt error }
    project { code title }
    versions { id version status isCurrent }
    orphanStatus { state orphaned reasons { kind rootCause path depth } pinnedInputs }
    lineageCostMoney { amount currency }
    detailPreview: preview(size: DETAIL) { url }
  }
}`;

const UNPIN = `mutation Unpin($asset: ID!, $input: ID!) { unpinInput(assetId: $asset, inputId: $input) { asset { id } } }`;

export async function detailView(main, route, context) {
  let shown = "";
  async function load() {
    const { asset } = await gql(QUERY, { id: route.id });
    const fingerprint = JSON.stringify([asset.status, asset.isCurrent, asset.orphanStatus, asset.versions, asset.usedBy.map((a) => a.orphanStatus), asset.prompts]);
    if (fingerprint === shown) return;
    shown = fingerprint;
    replace(main, page(asset, context.viewer.canWrite, load));
    main.dataset.ready = "true";
  }
  await load();
  return { poll: load };
}

function page(asset, writable, reload) {
  return h(
    "article", { class: "detail", "aria-labelledby": "asset-title" },
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "#/" }, "Catalog"), " › ", asset.projectCode ?? "no project", " › ", asset.slot),
    h("h1", { id: "asset-title" }, label(asset)),
    badgesOf(asset),
    h("div", { class: "actions" },
      h("a", { class: "button", href: versionsLink(asset.id) }, `Versions (${asset.versions.length})`),
      h("a", { class: "button", href: graphLink(asset.id) }, "Lineage graph"),
      asset.signedUrl ? h("a", { class: "button", href: asset.signedUrl, download: asset.filename ?? asset.id }, "Download") : null,
    ),
    orphanPanel(asset),
    pinnedPanel(asset, writable, reload),
    h("div", { class: "detail-body" },
      h("section", { class: "media-pane", "aria-label": "Media" }, fullMedia(asset)),
      h("section", { class: "facts", "aria-label": "Facts" }, factsTable(asset)),
    ),
    promptChain(asset),
    related("Frames", asset.frames.map((f) => [f.asset, `${f.role.toLowerCase()} frame`]), "frames"),
    related("Sources", asset.sources.map((a) => [a, "source"]), "sources"),
    related("Used by", asset.usedBy.map((a) => [a, "built from this"]), "used-by"),
    section("Parameters", h("pre", { class: "params" }, JSON.stringify(asset.params, null, 2))),
  );
}

export function orphanPanel(asset) {
  const status = asset.orphanStatus;
  if (!status.orphaned) return null;
  return h(
    "section", { class: `orphan-panel state-${status.state.toLowerCase()}`, role: "status", "aria-label": "Orphan status" },
    h("h2", {}, `This asset is ${status.state.toLowerCase()}`),
    h("ul", {}, status.reasons.map((reason) => h(
      "li", { class: "reason" },
      badge(reason.kind.toLowerCase(), reason.kind), " root cause ",
      h("a", { href: assetLink(reason.rootCause) }, shortId(reason.rootCause)),
      ` (${reason.depth} step${reason.depth === 1 ? "" : "s"} up) · path: `,
      h("span", { class: "path" }, reason.path.map((id, index) => [index ? " → " : "", h("a", { href: assetLink(id) }, shortId(id))])),
      " · ", h("a", { href: graphLink(asset.id, new URLSearchParams({ cause: reason.rootCause })) }, "show in graph"),
    ))),
  );
}

function pinnedPanel(asset, writable, reload) {
  const pinned = asset.orphanStatus.pinnedInputs;
  if (!pinned.length) return null;
  const out = h("p", { "aria-live": "polite" });
  const unpin = async (input) => {
    try {
      await gql(UNPIN, { asset: asset.id, input });
      await reload();
    } catch (error) {
      replace(out, errorBox(error));
    }
  };
  return h("section", { class: "block pinned", "aria-label": "Pinned inputs" },
    h("h2", {}, "Inputs accepted as they are (pinned)"),
    h("ul", {}, pinned.map((input) => h("li", {}, h("a", { href: assetLink(input) }, shortId(input)), " ",
      writable ? h("button", { type: "button", class: "write", onclick: () => unpin(input) }, "Unpin") : null))),
    out,
  );
}

function factsTable(asset) {
  const media = asset.media ?? {};
  const size = media.width ? `${media.width}×${media.height}` : null;
  const duration = media.durationSeconds ? `${media.durationSeconds.toFixed(1)} s` : null;
  const verification = asset.fileMissing ? "file missing" : asset.fileProblem ? `problem: ${asset.fileProblem}` : asset.fileSha256 ? "verified (hash recorded)" : "no file";
  const rows = [
    ["Id", h("code", {}, asset.id)],
    ["Type", asset.type.toLowerCase()],
    ["Status", asset.status.toLowerCase() + (asset.error ? ` — ${asset.error}` : "")],
    ["Provider · model", `${asset.provider} · ${asset.model}`],
    ["Project", asset.project ? `${asset.project.code}${asset.project.title ? ` — ${asset.project.title}` : ""}` : "—"],
    ["Slot · version", `${asset.slot} · v${asset.version}${asset.isCurrent ? " (current)" : ""}`],
    ["Created", when(asset.createdAt)],
    ["Completed", when(asset.completedAt)],
    ["Generation time", asset.generationTimeMs ? `${(asset.generationTimeMs / 1000).toFixed(1)} s` : "—"],
    ["Own cost", money(asset.estimatedCostMoney)],
    ["Cost with its lineage", money(asset.lineageCostMoney)],
    ["File", asset.filename ?? "—"],
    ["Media", [asset.mediaType, size, duration].filter(Boolean).join(" · ") || "—"],
    ["Size", bytes(asset.fileSizeBytes)],
    ["SHA-256", asset.fileSha256 ? h("code", { class: "hash" }, asset.fileSha256) : "—"],
    ["Verification", verification],
    ["Workflow run", asset.workflow ? `${asset.workflow.engine} ${asset.workflow.workflowId ?? ""} #${asset.workflow.executionId ?? shortId(asset.workflow.id)} · ${asset.workflow.status.toLowerCase()}` : "—"],
  ];
  return h("dl", { class: "facts-list" }, rows.map(([name, value]) => [h("dt", {}, name), h("dd", {}, value)]));
}

// Its own prompts (each with the prompts it was refined from), then its frames' and sources'.
function promptChain(asset) {
  const inputs = [
    ...asset.frames.map((f) => [`${f.role.toLowerCase()} frame ${f.asset.slot}`, f.asset]),
    ...asset.sources.map((source) => [`source ${source.slot}`, source]),
  ];
  const parts = [["this asset", asset], ...inputs].filter(([, a]) => a.prompts.length || a.prompt);
  const body = parts.length
    ? h("ol", { class: "prompt-chain" }, parts.map(([whose, a]) => h("li", {}, h("h3", {}, `Prompt of ${whose}`), promptsOf(a))))
    : h("p", { class: "muted" }, "No prompt recorded.");
  return section("Prompt chain", body);
}

function promptsOf(asset) {
  if (!asset.prompts.length) return h("ol", { class: "chain" }, h("li", { class: "prompt" }, h("span", { class: "prompt-head" }, badge("sent", "human"), " the text the tool sent"), h("blockquote", {}, asset.prompt)));
  return asset.prompts.map(chainOf);
}

function chainOf(prompt) {
  const steps = [];
  for (let step = prompt; step; step = step.refinedFrom) steps.unshift(step);
  return h("ol", { class: "chain" }, steps.map((step) => h(
    "li", { class: `prompt prompt-${step.kind.toLowerCase()}` },
    h("span", { class: "prompt-head" }, badge(step.kind.toLowerCase(), step.kind), ` ${step.role}`,
      step.refinedByModel ? ` · refined by ${step.refinedByModel}` : "", step.revisedAt ? ` · revised ${when(step.revisedAt)}` : ""),
    h("blockquote", { lang: "" }, step.text),
    revisionsOf(step),
  )));
}

// Every version of a prompt, oldest first, the one this asset was made from marked.
const PLACES = { this: ["this version", "current"], older: ["older", "version"], newer: ["newer", "version"] };

function revisionsOf(prompt) {
  if (prompt.revisions.length < 2) return null;
  const at = prompt.revisions.findIndex((version) => version.id === prompt.id);
  const title = `${prompt.revisions.length} versions of this prompt${prompt.revisedAt ? " (revised since)" : ""}`;
  return h("div", { class: "revisions" },
    h("p", { class: "revisions-head" }, title),
    h("ol", { "aria-label": title }, prompt.revisions.map((version, index) => {
      const place = index === at ? "this" : index < at ? "older" : "newer";
      return h("li", { class: `revision revision-${place}` },
        h("span", { class: "prompt-head" }, badge(...PLACES[place]), ` v${index + 1} · ${when(version.createdAt)}`),
        h("blockquote", { lang: "" }, version.text));
    })),
  );
}

function related(title, items, name) {
  if (!items.length) return null;
  return section(title, h("ul", { class: `related ${name}` }, items.map(([asset, role]) => h(
    "li", { class: "card small" },
    h("a", { href: assetLink(asset.id), class: "card-link" }, thumbnail(asset), h("span", { class: "card-title" }, `${role}: ${label(asset)}`)),
    badgesOf(asset),
  ))));
}

function section(title, body) {
  return h("section", { class: "block" }, h("h2", {}, title), body);
}
