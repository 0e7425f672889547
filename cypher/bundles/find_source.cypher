// The database an export reads, named once and for good (its id survives restarts).
// No parameters. Result: one row: instance (the database's id), name
CALL db.info() YIELD id, name
RETURN id AS instance, name
