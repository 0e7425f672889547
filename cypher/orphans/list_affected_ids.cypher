// The ids find_affected would return now, and nothing else: after claim_affected
// has locked them, a refresh checks that no new consumer committed while it waited
// for those locks (it claims again when one did).
// $slots: [slot]; $ids: [asset or prompt id]
// Result: one row: ids
CALL () {
  MATCH (s:Asset) WHERE s.slot IN $slots RETURN s AS seed
  UNION
  MATCH (s:Asset) WHERE s.id IN $ids RETURN s AS seed
  UNION
  MATCH (s:Prompt) WHERE s.id IN $ids RETURN s AS seed
}
MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
RETURN collect(DISTINCT a.id) AS ids
