// A project's orphans, newest first, straight from the index (orphans page and count).
CREATE INDEX asset_project_orphaned_created IF NOT EXISTS
FOR (a:Asset) ON (a.projectCode, a.orphaned, a.createdAt)
