// Deletes every node except the schema's own bookkeeping.
// Used by tests to isolate one test from another; never by the service.
MATCH (n) WHERE NOT n:SchemaMigration
DETACH DELETE n
