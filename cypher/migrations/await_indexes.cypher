// Waits until every index is online (so a new full-text index answers at once).
CALL db.awaitIndexes(300)
