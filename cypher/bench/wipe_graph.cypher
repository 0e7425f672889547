// Bench: deletes every node but the schema bookkeeping, in transactions of 10k nodes.
// Needs an implicit (auto-commit) transaction: session.run, not a managed one.
// No parameters. No result.
MATCH (n) WHERE NOT n:SchemaMigration
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
