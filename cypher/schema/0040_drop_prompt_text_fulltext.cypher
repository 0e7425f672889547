// Schema migration 0040: drops the full-text index of 0019 (default analyzer: one Thai
// word inside a Thai sentence found nothing); 0041 indexes the same properties as
// `prompt_words` with another analyzer. An index's analyzer cannot be altered, so the
// old one goes first. Idempotent and cheap at every start: once prompt_words exists,
// 0019's CREATE ... IF NOT EXISTS finds an index of the same labels and properties and
// creates nothing, so there is nothing left here to drop.
DROP INDEX prompt_text IF EXISTS
