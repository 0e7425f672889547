export * from "./client.js";
export * from "./generated/graphql.js";
export type * from "./lineageGraph.js";
