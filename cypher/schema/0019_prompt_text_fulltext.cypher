// Schema migration 0019_prompt_text_fulltext (idempotent: IF NOT EXISTS).
CREATE FULLTEXT INDEX prompt_text IF NOT EXISTS FOR (n:Prompt|Asset) ON EACH [n.text, n.prompt, n.name]
