// Schema migration 0004_prompt_id_unique (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT prompt_id_unique IF NOT EXISTS FOR (n:Prompt) REQUIRE n.id IS UNIQUE
