// Fragment, first part of a statement (then assets/changes/create_attempt): the checks
// recordGeneration's write must pass, in the same round trip as the write: the id is
// free, every id it names exists, frames are images (lineage.assets.rules.
// check_references; no cycle can form, since the new id names nothing yet), a
// regeneration names no other slot or project than its attempt's, and the project it
// joins is not archived (lineage.generations.service). Refused, it binds no row and
// nothing is written; the caller then reads why (assets/find_generation_references).
// A regeneration joins the slot and the project of the attempt it regenerates.
// $generation (one map: Neo4j plans a statement once per combination of its parameters' types
// and list and string size classes; a map is one type whatever it holds): row: the new attempt's properties (its slot and
// slotKey when it regenerates nothing); promptIds; sourceIds; frames: [{assetId, role,
// position}]; workflowId; projectCode and slot (as given, or null); regeneratesId (or
// null); at (see assets/changes/create_attempt)
// Binds: row (the properties to create), projectCode (the project it joins, or null),
//   previousId (the attempt it regenerates, or null)
OPTIONAL MATCH (previous:Asset {id: $generation.regeneratesId})
WITH previous, $generation.row AS given, coalesce($generation.projectCode, previous.projectCode) AS projectCode
WHERE NOT EXISTS { MATCH (:Asset {id: given.id}) }
  AND ($generation.regeneratesId IS NULL OR previous IS NOT NULL)
  AND all(pid IN $generation.promptIds WHERE EXISTS { MATCH (:Prompt {id: pid}) })
  AND all(sid IN $generation.sourceIds WHERE EXISTS { MATCH (:Asset {id: sid}) })
  AND all(f IN $generation.frames WHERE EXISTS { MATCH (i:Asset {id: f.assetId}) WHERE i.type = 'image' })
  AND ($generation.workflowId IS NULL OR EXISTS { MATCH (:Workflow {id: $generation.workflowId}) })
  AND ($generation.projectCode IS NULL OR EXISTS { MATCH (:Project {code: $generation.projectCode}) })
  AND (previous IS NULL
       OR (($generation.projectCode IS NULL OR coalesce($generation.projectCode = previous.projectCode, false))
           AND ($generation.slot IS NULL OR $generation.slot = previous.slot)))
  AND NOT EXISTS { MATCH (:Project {code: projectCode, archived: true}) }
WITH projectCode, previous.id AS previousId,
  CASE WHEN previous IS NULL THEN given
       ELSE given {.*, slot: previous.slot, slotKey: previous.slotKey, projectCode: projectCode}
  END AS row
