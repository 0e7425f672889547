"""The studio's window: the web pages served at `/`, a client of the public GraphQL API."""
