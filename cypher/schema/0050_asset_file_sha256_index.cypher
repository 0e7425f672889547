// Assets by the hash of their file: retention and restores find every asset that
// shares a file (the catalog stores equal bytes once).
CREATE INDEX asset_file_sha256 IF NOT EXISTS FOR (a:Asset) ON (a.fileSha256)
