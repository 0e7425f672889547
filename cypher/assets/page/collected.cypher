// Nested page, last: the page in the anchor's order, each asset with the nested fields the
// fragments before it read (nested: {field: value}).
// $shown: {kind of node: [property]}, the properties returned of each node, in order.
// Result: one row: assets: [{key, asset: [value of $shown.asset], nested: map, matchedPrompts: [],
//   matchedOwnText: false}]
RETURN collect({key: key, asset: [k IN $shown.asset | a[k]], nested: nested, matchedPrompts: [],
  matchedOwnText: false}) AS assets
