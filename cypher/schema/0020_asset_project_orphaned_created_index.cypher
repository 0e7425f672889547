// No index on (projectCode, orphaned, createdAt). This migration used to create one
// for the orphans page; every orphan flag flip then updated it, and a regeneration
// orphaning 1,118 assets paid for 1,118 entry moves. The page now walks
// asset_project_created_at (0016) and its count is maintained on the project (0025).
// Every migration statement runs at each start, so databases that have it lose it.
DROP INDEX asset_project_orphaned_created IF EXISTS
