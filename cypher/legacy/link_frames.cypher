// Links videos to the images they use as frames (as assets/create does).
// $rows: [{videoId, imageId, role: 'start' | 'end', position}]
// Result: linked (number of rows whose two assets exist)
UNWIND $rows AS f
MATCH (v:Asset {id: f.videoId})
MATCH (img:Asset {id: f.imageId})
MERGE (v)-[:USES_FRAME {role: f.role, position: f.position}]->(img)
RETURN count(*) AS linked
