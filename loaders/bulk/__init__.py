"""The first load of a whole archive through Neo4j's offline importer (`load --bulk`).

graph.py   the file writers of loaders/write, applied to an in-memory graph (same rules)
derive.py  the whole-graph steps of loaders/phases.py and the related links, on that graph
csv.py     the importer's CSV input
scoring.py the related links, scored by processes of their own while the CSV is written
run.py     the run: read and validate, build, write CSV, stop Neo4j, import, restart, schema
"""
