// Draws again the edges `demo/list_kept_links` listed, between the kept nodes and the
// demo's nodes imported anew.
// $links: [{fromId, type, props, toId}]
// Result: restored (count)
UNWIND $links AS link
MATCH (k:Asset|Prompt|Workflow {id: link.fromId})
MATCH (d:Asset|Prompt {id: link.toId})
CREATE (k)-[r:$(link.type)]->(d)
SET r = link.props
RETURN count(r) AS restored
