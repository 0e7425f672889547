// Bench: the project that gather_projects fills (see there).
// $code; $at. Result: one row: code
MERGE (big:Project {code: $code})
ON CREATE SET big.id = $code, big.title = 'Bench: generated projects gathered into one',
              big.createdAt = $at, big.updatedAt = $at
RETURN big.code AS code
