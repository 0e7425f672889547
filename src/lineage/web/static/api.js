// The service's public GraphQL API, with the page's key.
// The key: the development key on this machine (a <meta> the server adds, as GraphiQL
// gets it), else the one the user typed, kept for this tab in sessionStorage.

const STORAGE = "lineage-key";
export const stats = { requests: 0 };

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

export async function gql(query, variables = {}) {
  stats.requests += 1;
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
