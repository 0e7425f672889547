// Tests of paging: deletes these assets and their edges (the API has no delete).
// $ids: [string]. Result: deleted (count)
UNWIND $ids AS id
MATCH (a:Asset {id: id})
DETACH DELETE a
RETURN count(*) AS deleted
