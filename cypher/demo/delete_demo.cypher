// Deletes the demo data before `lineage demo reset` imports it again: the demo's projects
// and every node PART_OF them, the nodes the import of the demo folder creates (by id),
// the assets of the demo's slots that belong to no project (attempts recorded on top of
// the demo) and those slots' locks. Nodes of other projects stay; their edges to deleted
// nodes go with them.
// $projectCodes: [code], $ids: [asset or prompt id], $slots: [slot]
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
  UNWIND $slots AS slot
  MATCH (n:Asset {slot: slot}) WHERE n.projectCode IS NULL
  RETURN n
  UNION
  UNWIND $slots AS slot
  MATCH (n:SlotLock {key: slot})
  RETURN n
}
DETACH DELETE n
RETURN count(*) AS deleted
