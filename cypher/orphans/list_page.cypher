// The first page of a project's orphaned assets, newest first (ties by id, descending),
// with the project's maintained orphan count. The page walks the project's assets newest
// first in the asset_project_created_at index, keeps the orphans, and stops after $limit
// of them (orphaned itself is not indexed: flipping it costs no index upkeep). The next
// pages: list_page_after.
// Paste into Neo4j Browser with  :param projectCode => 'VSS-001'  :param rootCause => null
//   :param limit => 50
// $projectCode; $rootCause (asset or prompt id, or null); $limit
// Result: one row: orphanCount (the project's, whatever $rootCause), assets: [map]
CALL () {
  OPTIONAL MATCH (p:Project {code: $projectCode})
  RETURN coalesce(p.orphanCount, 0) AS orphanCount
}
CALL () {
  MATCH (a:Asset)
  USING INDEX a:Asset(projectCode, createdAt)
  WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL AND a.orphaned = true
    AND ($rootCause IS NULL OR $rootCause IN a.orphanRootCauses)
  WITH a
  ORDER BY a.projectCode DESC, a.createdAt DESC, a.id DESC
  LIMIT $limit
  RETURN collect(properties(a)) AS assets
}
RETURN orphanCount, assets
