// The frames each video uses, start before end (DataLoader batch).
// $ids: asset ids. Result: id, frames (list of {role, position, asset})
UNWIND $ids AS id
MATCH (:Asset {id: id})-[f:USES_FRAME]->(img:Asset)
WITH id, f, img ORDER BY CASE f.role WHEN 'start' THEN 0 ELSE 1 END, f.position, img.id
RETURN id, collect({role: f.role, position: f.position, asset: properties(img)}) AS frames
