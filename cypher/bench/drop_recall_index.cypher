// Search recall measurement: drops the sample prompts' full-text index. Result: none
DROP INDEX recall_sample IF EXISTS
