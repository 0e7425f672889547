// Schema migration 0007_idempotency_key_unique (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT idempotency_key_unique IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.key IS UNIQUE
