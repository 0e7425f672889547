// How many projects the graph holds (the demo is imported only into an empty graph).
// No parameters. Result: projects (integer)
MATCH (p:Project)
RETURN count(p) AS projects
