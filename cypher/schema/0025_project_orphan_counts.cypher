// Projects carry a maintained count of their orphaned assets (orphanCount), moved
// by every orphan state change. Projects from before it get theirs counted here,
// once, each through its own entries of asset_project_created_at: each start
// touches only projects that still have none.
MATCH (p:Project) WHERE p.orphanCount IS NULL
CALL (p) {
  MATCH (a:Asset)
  USING INDEX a:Asset(projectCode, createdAt)
  WHERE a.projectCode = p.code AND a.createdAt IS NOT NULL AND a.orphaned = true
  RETURN count(a) AS orphans
}
SET p.orphanCount = orphans
