// Pins (or unpins) every input edge from an asset to one input: a pinned input
// is accepted on purpose and no longer orphans the asset.
// $assetId; $inputId; $pinned (boolean); $at (time of the change)
// The asset's pinnedInputs lists the pinned input ids (visible in Neo4j Browser).
// Result: edges (how many edges were changed; 0 when the asset does not use the input)
MATCH (a:Asset {id: $assetId})-[e:GENERATED_FROM|USES_FRAME]->(i {id: $inputId})
WHERE i:Asset OR i:Prompt
SET e.pinned = CASE WHEN $pinned THEN true ELSE null END,
    e.pinnedAt = CASE WHEN $pinned THEN $at ELSE null END
WITH a, count(e) AS edges
SET a.pinnedInputs = [x IN coalesce(a.pinnedInputs, []) WHERE x <> $inputId]
                     + CASE WHEN $pinned THEN [$inputId] ELSE [] END
RETURN edges
