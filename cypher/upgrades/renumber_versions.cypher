// Upgrade 0033 (slots per project), step 3: numbers the attempts of every slot
// whose versions are not 1..n (a split chain) 1..n again, in their old order.
// No parameters. Result: slotKeys (the renumbered slots)
MATCH (a:Asset)
WITH a ORDER BY a.version, a.createdAt, a.id
WITH a.slotKey AS slotKey, collect(a) AS attempts
WHERE [x IN attempts | x.version] <> range(1, size(attempts))
FOREACH (i IN range(0, size(attempts) - 1) | SET (attempts[i]).version = i + 1)
RETURN collect(slotKey) AS slotKeys
