// Schema migration 0022: one lock node per slot (concurrent writers of a slot queue on it).
CREATE CONSTRAINT slot_lock_key_unique IF NOT EXISTS FOR (l:SlotLock) REQUIRE l.key IS UNIQUE
