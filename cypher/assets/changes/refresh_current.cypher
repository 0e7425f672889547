// Fragment, after a part that binds the attempt `a` it changed (assets/changes/*):
// recomputes which attempt of a's slot is current: the ready attempt that became current
// last (completion or revert, `currentSince`); none when none is ready.
// Then orphans/refresh/claim_changed, or assets/changes/return_changed.
// Binds: changed (a, and the attempts whose isCurrent flipped: what the orphan refresh
//   starts from)
MATCH (x:Asset {slotKey: a.slotKey})
WITH a, x
ORDER BY CASE x.status WHEN 'ready' THEN 0 ELSE 1 END, x.currentSince DESC, x.version DESC
WITH a, collect(x) AS attempts
WITH a, attempts, CASE WHEN attempts[0].status = 'ready' THEN attempts[0] END AS current
WITH a, attempts, current,
     [x IN attempts WHERE coalesce(x.isCurrent, false) <> (x = current)] AS flipped
FOREACH (x IN attempts | SET x.isCurrent = (x = current))
WITH [a] + flipped AS changed
