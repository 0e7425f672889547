// Fragment, last part of a statement (after orphans/recompute/roots_by_asset, which
// binds d and roots): the recomputation as a dry run, writing nothing (for checks that
// compare it with the stored state).
// Result rows: id, orphaned (as stored), rootCauses (as stored), roots (recomputed)
RETURN d.id AS id, coalesce(d.orphaned, false) AS orphaned, d.orphanRootCauses AS rootCauses,
       roots
