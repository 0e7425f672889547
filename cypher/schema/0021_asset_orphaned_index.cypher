// No index on orphaned (it used to be the catalog's `orphaned` filter): like 0020,
// it made every orphan flag flip dearer. Databases that have it lose it.
DROP INDEX asset_orphaned IF EXISTS
