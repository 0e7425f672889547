// The ids of every asset whose stored state says it is orphaned.
// No parameters. Result per asset: id
MATCH (a:Asset) WHERE a.orphaned = true
RETURN a.id AS id
