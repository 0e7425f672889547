// Whether a write may touch a project: archived projects are read-only.
// $code (a project's code, or null). Result: one row: archived (boolean)
RETURN EXISTS { MATCH (:Project {code: $code, archived: true}) } AS archived
