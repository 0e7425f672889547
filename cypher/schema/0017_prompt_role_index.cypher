// Schema migration 0017_prompt_role_index (idempotent: IF NOT EXISTS).
CREATE INDEX prompt_role IF NOT EXISTS FOR (n:Prompt) ON (n.role)
