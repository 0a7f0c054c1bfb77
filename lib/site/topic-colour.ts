/*
 * A colour per topic for views coloured by topic: made from the slug alone, so a
 * topic keeps its colour from view to view and from one visit to the next.
 */

/** FNV-1a over the slug's UTF-16 units: a well-spread 32-bit number, the same everywhere. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The topic's colour: a hue from its slug, at a saturation and lightness that read on
 * light and dark backgrounds alike; two lightness steps give neighbouring hues a second
 * way to differ.
 */
export function topicColour(slug: string): string {
  const hash = hashOf(slug);
  const hue = hash % 360;
  const lightness = (hash >>> 9) % 2 === 0 ? 46 : 58;
  // Commas: cytoscape reads the classic hsl() form only.
  return `hsl(${hue}, 65%, ${lightness}%)`;
}
