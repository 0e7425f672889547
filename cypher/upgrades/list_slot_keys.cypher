// Upgrade 0033 (slots per project): every slot key, for recomputing which attempt
// of each slot is current.
// No parameters. Result: slotKey (one row per slot)
MATCH (a:Asset)
RETURN DISTINCT a.slotKey AS slotKey
