// Deletes up to $limit nodes (and their edges), schema bookkeeping excepted; the
// benchmark calls it until nothing is left, on its own database only.
// $limit: integer. Result: deleted (number of nodes deleted)
MATCH (n) WHERE NOT n:SchemaMigration
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
