// Live assets whose own file is missing seed the full orphan recomputation.
CREATE INDEX asset_file_missing IF NOT EXISTS FOR (a:Asset) ON (a.fileMissing)
