// What a video was built from: its frames (USES_FRAME with their role), prompts,
// source assets and workflow run, and what those were built from, three steps up.
// In Neo4j Browser after  :param videoId => 'asset_vid_...'
// $videoId: the video's id
// Result: the paths from the video to everything it was built from
MATCH built = (:Asset {id: $videoId})-[:USES_FRAME|GENERATED_FROM]->{1,3}()
RETURN built
