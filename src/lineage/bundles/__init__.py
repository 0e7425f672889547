"""Bundles: a project (or one asset and its upstream) as one file, and back.

models.py       the bundle's layout, manifest and lines
exporter.py     graph -> spooled members -> streamed tar (tarstream.py, provjson.py)
provprocess.py  the PROV-JSON written by a child process from the exporter's lines
provchild.py    that child: the lines in, the document out, little imported
filecheck.py    files hashed while the graph is read, copied unchanged into the tar
checking.py     an import's first pass: every byte checked, nothing written
planning.py     how the bundle meets the graph: renames, differences, files to store
importer.py     files, nodes and edges written in batches; orphan state recomputed
service.py      export to a file; archive and restore projects (filearchive.py)
retention.py    old superseded attempts' files moved out of the working catalog
repository.py   the Cypher of cypher/bundles/
cli.py  http.py  gql.py   the ways in (`lineage bench-export` lives in lineage.bench)
"""
