// Elements built from data: text is always set as text, never parsed as HTML.

export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

export function replace(container, ...children) {
  container.replaceChildren();
  append(container, children);
  return container;
}

export function shortId(id) {
  return id.length > 26 ? `${id.slice(0, 14)}…${id.slice(-8)}` : id;
}

export function money(value) {
  if (!value) return "—";
  return `$${value.amount}`; // exact, as the API gives it
}

export function when(iso) {
  if (!iso) return "—";
  return new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function bytes(count) {
  if (count === null || count === undefined) return "—";
  const units = ["B", "KB", "MB", "GB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

export function badge(text, kind = text) {
  return h("span", { class: `badge badge-${String(kind).toLowerCase()}` }, text);
}

export function field(label, control) {
  return h("label", { class: "field" }, h("span", {}, label), control);
}

export function errorBox(error) {
  return h("p", { class: "error", role: "alert" }, `Error: ${error.message}`);
}
