"""Explorers of the API and of the graph: GraphiQL, the API docs, and Neo4j Browser's
style and guide."""
