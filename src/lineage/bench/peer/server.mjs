// lineage bench-story's peer: @neo4j/graphql over the same Neo4j, served by Node's own
// http module (no framework: the library's cost, not a server's).
// Usage: node server.mjs PORT (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD in the environment).
// POST /graphql {query, variables} -> {data, errors}; GET /healthz -> {"status": "ok"}.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { graphql } from "graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typedefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();

async function answer(body) {
  const { query, variables } = JSON.parse(body);
  return graphql({ schema, source: query, variableValues: variables, contextValue: {} });
}

function reply(response, status, value) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(value));
}

const server = createServer((request, response) => {
  if (request.method === "GET" && request.url === "/healthz") {
    reply(response, 200, { status: "ok" });
    return;
  }
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    answer(Buffer.concat(chunks).toString("utf8")).then(
      (result) => reply(response, 200, result),
      (error) => reply(response, 500, { errors: [{ message: String(error) }] }),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2]), "127.0.0.1");
