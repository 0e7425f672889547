// Nested page fragment (between assets/page/limited and assets/page/collected): the frames
// the asset uses, start before end, as assets/list_frames_of reads them.
// Adds nested.frames: [{role, position, asset: [value of $shown.frames]}]
CALL (a) {
  MATCH (a)-[f:USES_FRAME]->(img:Asset)
  WITH f, img ORDER BY CASE f.role WHEN 'start' THEN 0 ELSE 1 END, f.position, img.id
  RETURN collect({role: f.role, position: f.position, asset: [k IN $shown.frames | img[k]]}) AS frames
}
WITH a, key, nested {.*, frames: frames} AS nested
