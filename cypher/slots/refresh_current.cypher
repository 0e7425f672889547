// Recomputes which attempt of a slot is current: the ready attempt that became
// current last (completion or revert, `currentSince`); none when none is ready.
// $slotKey. Result: currentId (null when no attempt is ready), flippedIds (attempts
//   whose isCurrent changed, for the orphan refresh)
MATCH (a:Asset {slotKey: $slotKey})
WITH a
ORDER BY CASE a.status WHEN 'ready' THEN 0 ELSE 1 END, a.currentSince DESC, a.version DESC
WITH collect(a) AS attempts
WITH attempts, CASE WHEN attempts[0].status = 'ready' THEN attempts[0] END AS current
WITH attempts, current,
     [x IN attempts WHERE coalesce(x.isCurrent, false) <> (x = current) | x.id] AS flippedIds
FOREACH (x IN attempts | SET x.isCurrent = (x = current))
RETURN current.id AS currentId, flippedIds
