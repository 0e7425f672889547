// Schema migration 0032: a slot is identified by its key (namespace and name, e.g.
// project:VSS-001/shot-001): every attempt of a slot is found through this index.
CREATE INDEX asset_slot_key IF NOT EXISTS FOR (n:Asset) ON (n.slotKey)
