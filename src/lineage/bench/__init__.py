"""Benchmarks: generated graphs, the API measured next to the plain driver.

Nothing outside this package imports it (but the CLI, which registers its commands).

cli.py          `lineage bench`, `bench-orphans`, `bench-import`, `bench-export`
database.py     the dedicated local Neo4j of each benchmark
plan.py  vocab.py  generate.py   the generated graph of `bench` and `bench-orphans`
run.py  measure.py  report.py  server.py   `bench`: lineage through the API vs the driver
orphans.py      `bench-orphans`
imports.py      `bench-import`: the legacy importer vs its plain-Cypher floor
export.py       `bench-export`: bundles export/import vs tar and the importer's floor
synthetic.py    generated legacy trees and music indexes
memprobe.py  bundleprobe.py   one import / export measured in a fresh process
"""
