// A page of a project's orphaned assets after a keyset cursor: as list_page, but the
// index seek starts at the cursor's createdAt, so a deep page costs what the first does.
// Paste into Neo4j Browser with  :param projectCode => 'VSS-001'  :param rootCause => null
//   :param afterKey => '2026-01-01T10:00:00.000Z'  :param afterId => 'vid-1'  :param limit => 50
// $projectCode; $rootCause (asset or prompt id, or null); $afterKey, $afterId: createdAt
// and id of the previous page's last orphan; $limit
// Result: one row: orphanCount (the project's, whatever $rootCause), assets: [map]
CALL () {
  OPTIONAL MATCH (p:Project {code: $projectCode})
  RETURN coalesce(p.orphanCount, 0) AS orphanCount
}
CALL () {
  MATCH (a:Asset)
  USING INDEX a:Asset(projectCode, createdAt)
  WHERE a.projectCode = $projectCode AND a.createdAt <= $afterKey AND a.orphaned = true
    AND ($rootCause IS NULL OR $rootCause IN a.orphanRootCauses)
    AND (a.createdAt < $afterKey OR a.id < $afterId)
  WITH a
  ORDER BY a.projectCode DESC, a.createdAt DESC, a.id DESC
  LIMIT $limit
  RETURN collect(properties(a)) AS assets
}
RETURN orphanCount, assets
