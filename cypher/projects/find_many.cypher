// Projects by code (DataLoader batch). $codes. Result: code, project (map)
UNWIND $codes AS code
MATCH (p:Project {code: code})
RETURN code, properties(p) AS project
