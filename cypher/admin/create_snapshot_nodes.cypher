// Creates nodes from a snapshot of a graph (labels and properties as they were).
// Used by tests to load a graph recorded by an earlier version; never by the service.
// $nodes: [{labels: [string], properties: map}]. Result: created
UNWIND $nodes AS node
CREATE (n:$(node.labels))
SET n = node.properties
RETURN count(n) AS created
