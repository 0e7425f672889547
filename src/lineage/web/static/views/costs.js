// What a project's generations cost, grouped by provider, model, type or day, as bars.

import { gql } from "../api.js";
import { h, money, replace } from "../dom.js";
import { link } from "../router.js";
import { picker } from "./orphans.js";

const GROUPS = ["PROVIDER", "MODEL", "TYPE", "DAY"];
const QUERY = `query Costs($project: String!, $by: CostGroupBy!) {
  costSummary(projectCode: $project, groupBy: $by) {
    totalCostMoney { amount currency }
    groups { key attempts readyAttempts failedAttempts costMoney { amount } failedCostMoney { amount } }
  }
}`;

export async function costsView(main, route, context) {
  const project = route.params.get("project") ?? context.projects[0]?.code;
  const by = route.params.get("by") ?? "PROVIDER";
  if (!project) return replace(main, h("p", {}, "No project yet."));
  const { costSummary } = await gql(QUERY, { project, by });
  replace(main,
    h("h1", {}, `Costs of ${project}`),
    picker(project, context, "/costs", { by }),
    h("nav", { class: "tabs", "aria-label": "Group by" }, GROUPS.map((group) => h("a", {
      href: link("/costs", new URLSearchParams({ project, by: group })),
      "aria-current": group === by ? "page" : null,
    }, `by ${group.toLowerCase()}`))),
    h("p", { class: "count" }, `Total: ${money(costSummary.totalCostMoney)}`),
    chart(costSummary.groups),
  );
  main.dataset.ready = "true";
  return {};
}

function chart(groups) {
  const top = Math.max(...groups.map((g) => Number(g.costMoney.amount)), 1e-9);
  return h("table", { class: "bars" },
    h("caption", { class: "visually-hidden" }, "Cost per group"),
    h("thead", {}, h("tr", {}, ["Group", "Cost", "Attempts (failed)", ""].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, groups.map((group) => {
      const cost = Number(group.costMoney.amount);
      const failed = Number(group.failedCostMoney.amount);
      const bar = h("span", { class: "bar" }, h("span", { class: "bar-failed" }));
      bar.style.setProperty("width", `${(100 * cost) / top}%`);
      bar.firstChild.style.setProperty("width", cost ? `${(100 * failed) / cost}%` : "0");
      return h("tr", {},
        h("th", { scope: "row" }, group.key ?? "none"),
        h("td", {}, money(group.costMoney)),
        h("td", {}, `${group.attempts} (${group.failedAttempts})`),
        h("td", { class: "bar-cell" }, bar));
    })),
  );
}
