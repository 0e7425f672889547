// Runs graphql-http's audit of the GraphQL-over-HTTP spec against a live server and
// prints one JSON line per audit: {id, name, status, reason}.
// Usage: node audit.js URL [BEARER_TOKEN]
import { auditServer } from "graphql-http";

const [url, token] = process.argv.slice(2);
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn });
for (const result of results) {
  const reason = result.status === "ok" ? "" : result.reason;
  console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status, reason }));
}
