// Deletes the demo data before `lineage demo reset` imports it again: the demo's projects
// and every node PART_OF them, the nodes the import of the demo folder creates (by id),
// every attempt of the demo's slots (attempts recorded on top of the demo: the legacy
// tree's slots belong to no project) and those slots' locks. Nodes of other projects stay; their edges to deleted
// nodes go with them.
// $projectCodes: [code], $ids: [asset or prompt id], $slotKeys: [slot key]
// Result: deleted (count of nodes)
CALL () {
  MATCH (n:Project) WHERE n.code IN $projectCodes
  RETURN n
  UNION
  MATCH (n)-[:PART_OF]->(p:Project) WHERE p.code IN $projectCodes
  RETURN n
  UNION
  UNWIND $ids AS id
  MATCH (n:Asset {id: id})
  RETURN n
  UNION
  UNWIND $ids AS id
  MATCH (n:Prompt {id: id})
  RETURN n
  UNION
  UNWIND $slotKeys AS slotKey
  MATCH (n:Asset {slotKey: slotKey})
  RETURN n
  UNION
  UNWIND $slotKeys AS slotKey
  MATCH (n:SlotLock {key: slotKey})
  RETURN n
}
DETACH DELETE n
RETURN count(*) AS deleted
