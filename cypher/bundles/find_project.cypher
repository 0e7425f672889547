// A project by its code, with whether it is archived.
// $code. Result: one row: project (map of its properties, or null)
OPTIONAL MATCH (p:Project {code: $code})
RETURN properties(p) AS project
