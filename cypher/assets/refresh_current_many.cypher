// Recomputes the current attempt of each given slot, exactly as assets/changes/refresh_current
// does for one: the ready attempt that became current last (none when none is ready).
// Only the attempts whose flag changes are written (new attempts arrive not current).
// $slotKeys: [string]. Result: slots (number refreshed)
UNWIND $slotKeys AS slotKey
CALL (slotKey) {
  MATCH (a:Asset {slotKey: slotKey})
  WITH a
  ORDER BY CASE a.status WHEN 'ready' THEN 0 ELSE 1 END, a.currentSince DESC, a.version DESC
  WITH collect(a) AS attempts
  WITH attempts, CASE WHEN attempts[0].status = 'ready' THEN attempts[0] END AS current
  FOREACH (x IN [x IN attempts WHERE coalesce(x.isCurrent, false) <> (x = current)] |
    SET x.isCurrent = (x = current))
}
RETURN count(*) AS slots
