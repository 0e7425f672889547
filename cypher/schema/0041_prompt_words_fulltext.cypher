// Schema migration 0041: the full-text index of prompt words in any script (idempotent:
// IF NOT EXISTS). Analyzer standard-folding: accents removed, Chinese and Japanese per
// character, runs of Thai letters kept whole (queried by part: src/lineage/assets/search.py).
// Chosen by recall on tests/data/multilingual_search.json (tests/api/test_multilingual_search.py).
// Same labels and properties, in the same order, as 0019's prompt_text, which 0040 drops.
CREATE FULLTEXT INDEX prompt_words IF NOT EXISTS
FOR (n:Prompt|Asset) ON EACH [n.text, n.prompt, n.name]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}
