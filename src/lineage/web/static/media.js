// Previews in lists (small derivatives, never originals), full media in the detail view.

import { h, svg } from "./dom.js";

const VISUAL = new Set(["IMAGE", "THUMBNAIL"]);
const SOUND = new Set(["AUDIO", "MUSIC"]);

export function label(asset) {
  return asset.name || asset.prompt || `${asset.type.toLowerCase()} ${asset.slot} v${asset.version}`;
}

// The fields a card shows, previews included (one query for a whole page of cards), and
// no more: each costs the service a resolver call per card on the catalog's first screen.
export const CARD_FIELDS = `
  id type slot version isCurrent provider model status name prompt createdAt projectCode
  fileMissing signedUrl
  orphanStatus { state }
  preview(size: GRID) { url width height }
  waveform(points: 48)
`;

// `eager`: on the first screen, so fetched at once rather than after layout.
export function thumbnail(asset, eager = false) {
  const preview = asset.preview;
  if (preview) {
    const image = h("img", {
      src: preview.url, alt: label(asset), loading: eager ? "eager" : "lazy", decoding: "async",
      width: preview.width, height: preview.height, class: "thumb",
    });
    if (asset.type === "VIDEO" && asset.signedUrl) return hoverPlayer(asset, image);
    return image;
  }
  if (SOUND.has(asset.type)) return soundPreview(asset);
  if (asset.type === "VIDEO" && asset.signedUrl) return hoverPlayer(asset, h("span", { class: "thumb placeholder" }, "▶ video"));
  return h("span", { class: "thumb placeholder" }, asset.fileMissing ? "file missing" : asset.type.toLowerCase());
}

function hoverPlayer(asset, poster) {
  const frame = h("span", { class: "thumb-frame" }, poster);
  let video = null;
  const start = () => {
    video ??= h("video", { src: asset.signedUrl, muted: true, loop: true, playsinline: true, preload: "none", class: "thumb", "aria-hidden": "true" });
    video.muted = true;
    frame.replaceChildren(video);
    video.play().catch(() => {});
  };
  const stop = () => {
    video?.pause();
    frame.replaceChildren(poster);
  };
  frame.addEventListener("mouseenter", start);
  frame.addEventListener("mouseleave", stop);
  return frame;
}

function soundPreview(asset) {
  const points = asset.waveform;
  if (!points?.length) return h("span", { class: "thumb placeholder" }, `♪ ${asset.type.toLowerCase()}`);
  // one path of a bar per point (a rect each would be 48 elements to build, style and lay out)
  const bars = points.map((value, index) => `M${index * 2} ${20 - value * 20}h1.4v${Math.max(0.5, value * 40)}h-1.4z`);
  return svg("svg", { class: "thumb waveform", viewBox: `0 0 ${points.length * 2} 40`, preserveAspectRatio: "none", role: "img", "aria-label": `waveform of ${label(asset)}` }, svg("path", { d: bars.join("") }));
}

export function fullMedia(asset) {
  if (!asset.signedUrl) return h("p", { class: "placeholder" }, "No file.");
  if (VISUAL.has(asset.type)) return h("img", { src: asset.signedUrl, alt: label(asset), class: "full" });
  if (asset.type === "VIDEO") {
    const poster = asset.detailPreview?.url;
    return h("video", { src: asset.signedUrl, controls: true, preload: "metadata", poster, class: "full", "aria-label": label(asset) });
  }
  if (SOUND.has(asset.type)) return h("audio", { src: asset.signedUrl, controls: true, preload: "metadata", class: "full", "aria-label": label(asset) });
  return h("a", { href: asset.signedUrl }, "Open the file");
}
