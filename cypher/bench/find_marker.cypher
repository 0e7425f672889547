// Bench: the generated graph's marker, if any.
// No parameters. Result: marker (map of its properties); no row when none.
MATCH (g:BenchGraph)
RETURN properties(g) AS marker
LIMIT 1
