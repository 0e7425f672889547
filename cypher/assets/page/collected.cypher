// Nested page, last: the page in the anchor's order, each asset with the nested fields the
// fragments before it read (nested: {field: value}).
// Result: one row: assets: [{key, asset: map, nested: map, matchedPrompts: [],
//   matchedOwnText: false}]
RETURN collect({key: key, asset: properties(a), nested: nested, matchedPrompts: [],
  matchedOwnText: false}) AS assets
