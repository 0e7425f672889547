// What a change orphaned, and why: every live asset whose orphan state names $rootCause
// (an attempt that is no longer its slot's current version, a failed or archived one,
// an asset whose file is missing, or a revised prompt) among its root causes, with the
// shortest path of USES_FRAME / GENERATED_FROM edges from it up to the root cause.
// In Neo4j Browser after  :param rootCause => 'asset_img_...'
// $rootCause: id of the asset or prompt whose change orphaned the others
// Result: one path per orphan (a single node when the asset is its own root cause)
MATCH (orphan:Asset)
WHERE $rootCause IN orphan.orphanRootCauses
MATCH why = SHORTEST 1 (orphan)-[:USES_FRAME|GENERATED_FROM]->*({id: $rootCause})
RETURN why
