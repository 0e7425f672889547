// Every attempt of each slot, oldest version first (DataLoader batch).
// $slots: slot keys. Result: slot, assets (list of maps)
UNWIND $slots AS slot
MATCH (a:Asset {slot: slot})
WITH slot, a ORDER BY a.version
RETURN slot, collect(properties(a)) AS assets
