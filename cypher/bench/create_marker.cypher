// Bench: records that the graph holds a complete generated graph (written last).
// $row: {assets, seed, version, summaryJson, sampleIds, generatedAt}
// Result: assets
CREATE (g:BenchGraph)
SET g = $row
RETURN g.assets AS assets
