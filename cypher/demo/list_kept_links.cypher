// The edges into the demo's imported nodes from nodes that `demo/delete_demo` keeps
// (another project's, or any outside the demo's slots), to draw them again
// once the demo is imported anew.
// $projectCodes: [code], $ids: [asset or prompt id], $slotKeys: [slot key]
// Result: fromId, type, props, toId (one row per edge)
UNWIND $ids AS id
CALL (id) {
  MATCH (d:Asset {id: id})
  RETURN d
  UNION
  MATCH (d:Prompt {id: id})
  RETURN d
}
MATCH (d)<-[r]-(k)
WHERE k.id IS NOT NULL AND NOT k.id IN $ids
  AND NOT coalesce(k.projectCode, '') IN $projectCodes
  AND NOT coalesce(k.slotKey, '') IN $slotKeys
RETURN k.id AS fromId, type(r) AS type, properties(r) AS props, d.id AS toId
