// A page of projects ordered by code, after a cursor.
// $after: code to start after ('' for the first page), $limit: int.
// Result: one row: totalCount (int, all projects), projects (list of maps, in order)
OPTIONAL MATCH (counted:Project)
WITH count(counted) AS totalCount
OPTIONAL MATCH (p:Project) WHERE p.code > $after
WITH totalCount, p ORDER BY p.code LIMIT $limit
RETURN totalCount, collect(properties(p)) AS projects
