// Takes write locks on every asset find_affected would read, so two transactions
// whose changes reach the same assets re-evaluate them one after the other (each
// then reads what the other committed). Same parameters as find_affected.
// $slots: [slot]; $ids: [asset or prompt id]
// Result: one row: locked (count)
CALL () {
  MATCH (s:Asset) WHERE s.slot IN $slots RETURN s AS seed
  UNION
  MATCH (s:Asset) WHERE s.id IN $ids RETURN s AS seed
  UNION
  MATCH (s:Prompt) WHERE s.id IN $ids RETURN s AS seed
}
MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
WITH DISTINCT a
SET a.orphanLock = true
REMOVE a.orphanLock
RETURN count(a) AS locked
