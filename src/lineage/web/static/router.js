// Links and URL updates: every view's state (filters, depth, chosen versions) lives in the hash.

export function link(path, params) {
  const query = params && [...params].length ? `?${params}` : "";
  return `#${path}${query}`;
}

export function navigate(path, params) {
  location.hash = link(path, params);
}

export const assetLink = (id) => link(`/asset/${encodeURIComponent(id)}`);
export const versionsLink = (id, params) => link(`/asset/${encodeURIComponent(id)}/versions`, params);
export const graphLink = (id, params) => link(`/graph/${encodeURIComponent(id)}`, params);
