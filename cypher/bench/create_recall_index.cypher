// Search recall measurement: a full-text index over the sample prompts with one analyzer.
// One at a time: drop_recall_index before creating it with another analyzer.
// $analyzer: a name from db.index.fulltext.listAvailableAnalyzers(). Result: none
CREATE FULLTEXT INDEX recall_sample IF NOT EXISTS
FOR (n:RecallSample) ON EACH [n.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: $analyzer}}
