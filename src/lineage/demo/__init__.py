"""The demo: FliGen's sample folder (`assets/`) as the graph the explorers open on."""
