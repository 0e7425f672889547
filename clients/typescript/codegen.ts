// Types of the Lineage API and of this package's operations, from the repository's
// schema.graphql (the one `lineage export-schema` prints). `npm run codegen` writes
// src/generated/graphql.ts; nothing here needs a running server.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../../schema.graphql",
  documents: "operations/*.graphql",
  generates: {
    "src/generated/graphql.ts": {
      plugins: ["typescript", "typescript-operations", "typed-document-node"],
      config: {
        strictScalars: true,
        scalars: {
          DateTime: "string", // ISO-8601 UTC with milliseconds: 2026-12-06T21:35:10.123Z
          Decimal: "string", // exact: "0.57"
          JSON: "unknown",
        },
        enumsAsTypes: true, // 'VIDEO' | 'IMAGE' ...: the spelling JSON payloads use too
        useTypeImports: true,
      },
    },
  },
};

export default config;
