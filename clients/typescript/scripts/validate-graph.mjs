// Validates lineage graphs (JSON files, the value of `lineage { graph }`) against
// docs/lineage-graph.schema.json; prints each file's errors and exits 1 on any.
// Usage: npm run validate-graph -- graph.json [more.json ...]
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const schemaUrl = new URL("../../../docs/lineage-graph.schema.json", import.meta.url);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(schemaUrl, "utf8")),
);
let failed = false;
for (const file of process.argv.slice(2)) {
  if (validate(JSON.parse(readFileSync(file, "utf8")))) {
    console.log(`${file}: valid`);
  } else {
    failed = true;
    for (const error of validate.errors ?? []) {
      console.log(`${file}: ${error.instancePath || "/"} ${error.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
