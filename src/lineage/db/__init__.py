"""Neo4j access: the driver, the Cypher loader, the store and schema migrations."""
