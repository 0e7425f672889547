"""Importing FliGen's legacy assets/ folder into the graph and the catalog.

importer.py   import_legacy(store, files, path) and the finish_import hook
demo.py       import_demo_if_empty(settings): the demo `lineage serve` shows
folder.py     the folder's layout; NotAFliGenFolderError   errors.py
projects.py   projects, human prompts, transcripts   media.py  shots, videos, loose files
music.py      the streamed music index (ijson, base64 decoded in slices from the file)
plan.py       planned nodes and assets (the API's own models)   ids.py  deterministic ids
jsonfiles.py  JSON read whole or streamed, bounded, errors with line and column
skim.py       long strings kept out of the streaming parser, read back from the file
storing.py    files into the catalog   writing.py / repository.py  batched Cypher writes
report.py     ImportReport and its anomalies   render.py  rich tables and progress
cli.py        `lineage import-legacy` (`lineage bench-import` lives in lineage.bench)
"""
