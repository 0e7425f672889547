"""Importing FliGen's legacy assets/ folder into the graph and the catalog."""
