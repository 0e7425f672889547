// Upgrade 0033 (slots per project), step 1: gives up to $limit assets recorded
// before slots had keys theirs: the project's namespace (project:<code>), or `none`
// for an asset without a project, then '/' and the slot's name.
// $limit. Result: keyed (number of assets given a key; 0 when none is left)
MATCH (a:Asset) WHERE a.slotKey IS NULL
WITH a LIMIT $limit
SET a.slotKey = CASE WHEN a.projectCode IS NULL THEN 'none' ELSE 'project:' + a.projectCode END
  + '/' + a.slot
RETURN count(a) AS keyed
