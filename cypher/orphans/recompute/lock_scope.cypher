// Fragment, first part of a statement (then orphans/recompute/roots_in_scope): write-locks
// the scope's assets before any of their state is read, as the short way
// (orphans/refresh/move_root) locks what it moves, so a change committed meanwhile is
// read whole and none is stored or counted twice. Setting then removing a marker takes
// each node's lock and leaves nothing to commit.
// $scope: {ids: [id]} (prompts are skipped)
CALL () {
  UNWIND $scope.ids AS id
  MATCH (a:Asset {id: id})
  SET a.orphanLock = true
  REMOVE a.orphanLock
}
