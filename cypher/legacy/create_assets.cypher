// Creates new legacy assets (the properties assets/changes/create_attempt sets) with their frames and
// the attempt each regenerates, which is in an earlier row or already stored.
// The caller checked that no id exists yet; the id constraint refuses a duplicate.
// $rows: [{row: the node's properties (with id), previousId: string | null,
//          frames: [{imageId, role: 'start' | 'end', position}]}]
// Result: created (number of rows)
UNWIND $rows AS item
CREATE (a:Asset)
SET a = item.row
WITH a, item
CALL (a, item) {
  UNWIND item.frames AS f
  MATCH (img:Asset {id: f.imageId})
  CREATE (a)-[:USES_FRAME {role: f.role, position: f.position}]->(img)
}
CALL (a, item) {
  MATCH (prev:Asset {id: item.previousId})
  CREATE (a)-[:REGENERATES]->(prev)
}
RETURN count(*) AS created
