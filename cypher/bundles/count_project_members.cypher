// How many nodes are part of a project (assets, prompts, workflow runs).
// $code. Result: one row: members
MATCH (:Project {code: $code})<-[:PART_OF]-(n)
RETURN count(n) AS members
