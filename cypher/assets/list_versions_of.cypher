// Every attempt of each slot, oldest version first (DataLoader batch).
// $slotKeys: slot keys. Result: slotKey, assets (list of maps)
UNWIND $slotKeys AS slotKey
MATCH (a:Asset {slotKey: slotKey})
WITH slotKey, a ORDER BY a.version
RETURN slotKey, collect(properties(a)) AS assets
