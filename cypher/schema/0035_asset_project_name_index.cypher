// Schema migration 0035: a project's catalog by name, read in index order.
CREATE INDEX asset_project_name IF NOT EXISTS FOR (n:Asset) ON (n.projectCode, n.name)
