// Schema migration 0031: a token's SHA-256 names one key at most.
CREATE CONSTRAINT api_key_hash_unique IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.keyHash IS UNIQUE
