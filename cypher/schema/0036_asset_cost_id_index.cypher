// Schema migration 0036: the catalog by cost, read in index order (id last: assets
// of one cost come in id order too, so a page never sorts a tie group).
CREATE INDEX asset_cost_id IF NOT EXISTS FOR (n:Asset) ON (n.estimatedCost, n.id)
