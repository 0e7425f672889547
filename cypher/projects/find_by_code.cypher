// One project by its code.
// $code: string. Result: project (map) or no row.
MATCH (p:Project {code: $code})
RETURN properties(p) AS project
