// Schema migration 0034: a project's catalog by cost, read in index order (id last:
// assets of one cost come in id order too, so a page never sorts a tie group).
CREATE INDEX asset_project_cost_id IF NOT EXISTS FOR (n:Asset) ON (n.projectCode, n.estimatedCost, n.id)
