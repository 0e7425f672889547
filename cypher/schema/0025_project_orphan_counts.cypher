// Projects carry a maintained count of their orphaned assets (orphanCount), moved
// by every orphan state change. Projects from before it get theirs counted here,
// once: each start touches only projects that still have none.
MATCH (p:Project) WHERE p.orphanCount IS NULL
CALL (p) {
  OPTIONAL MATCH (a:Asset {projectCode: p.code}) WHERE a.orphaned = true
  RETURN count(a) AS orphans
}
SET p.orphanCount = orphans
