// The service's public GraphQL API, with the page's key.
// The key: the development key on this machine (a <meta> the server adds, as GraphiQL
// gets it), else the one the user typed, kept for this tab in sessionStorage.
// On this machine the page also comes with the API's answers to its first requests
// (a JSON block: the same documents, asked by the server with the same key): each is
// used once, for the very same document and variables, while the first view opens.

const STORAGE = "lineage-key";
const sentWithPage = readAnswers();

export class ApiError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

export function currentKey() {
  const meta = document.querySelector('meta[name="lineage-dev-key"]');
  return meta?.content || sessionStorage.getItem(STORAGE);
}

export function rememberKey(key) {
  sessionStorage.setItem(STORAGE, key.trim());
}

export function forgetKey() {
  sessionStorage.removeItem(STORAGE);
}

function readAnswers() {
  const block = document.getElementById("lineage-answers");
  try {
    return block ? JSON.parse(block.textContent) : [];
  } catch {
    return [];
  }
}

// Object keys in order: the same variables, however they were built.
const canonical = (value) => JSON.stringify(value, (_key, inner) =>
  inner && typeof inner === "object" && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort()) : inner);

function answerSentWithPage(query, variables) {
  const wanted = canonical(variables);
  const index = sentWithPage.findIndex((answer) => answer.query === query && canonical(answer.variables) === wanted);
  return index < 0 ? null : sentWithPage.splice(index, 1)[0].data;
}

// The first view is open: what the page came with is no longer fresh.
export function forgetAnswersSentWithPage() {
  sentWithPage.length = 0;
}

export async function gql(query, variables = {}) {
  const sent = answerSentWithPage(query, variables);
  if (sent) return sent;
  const response = await fetch("/graphql", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      Authorization: `Bearer ${currentKey() ?? ""}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) throw new ApiError(body.detail?.message ?? "invalid key", "UNAUTHENTICATED");
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (!response.ok) throw new ApiError(`HTTP ${response.status}`, "HTTP");
  return body.data;
}
