/**
 * A persona's portrait, drawn from its three avatar colours as inline SVG
 * built with DOM calls (the colours are data: they only ever go into
 * attributes, and only after a format check).
 */
const SVG = 'http://www.w3.org/2000/svg';

/** A colour from a persona file, or a neutral grey when it is not a plain hex colour. */
export function safeColour(c: string, fallback = '#888888'): string {
  return /^#[0-9a-fA-F]{6}$/.test(c) ? c : fallback;
}

function shape(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function avatarSvg(
  avatar: { skin: string; hair: string; outfit: string },
  size = 56,
  title?: string,
): SVGSVGElement {
  const skin = safeColour(avatar.skin);
  const hair = safeColour(avatar.hair);
  const outfit = safeColour(avatar.outfit);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 64 64');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('role', 'img');
  if (title) {
    const t = document.createElementNS(SVG, 'title');
    t.textContent = title;
    svg.append(t);
  }
  svg.append(
    // Shoulders and body.
    shape('path', { d: 'M10 64 C10 48 20 42 32 42 C44 42 54 48 54 64 Z', fill: outfit }),
    // Neck.
    shape('rect', { x: 27, y: 34, width: 10, height: 10, rx: 3, fill: skin }),
    // Hair behind the head.
    shape('ellipse', { cx: 32, cy: 24, rx: 15, ry: 16, fill: hair }),
    // Face.
    shape('ellipse', { cx: 32, cy: 26, rx: 12, ry: 13, fill: skin }),
    // Fringe.
    shape('path', { d: 'M19 23 C20 12 44 10 45 23 C40 17 26 17 19 23 Z', fill: hair }),
    // Eyes and a smile.
    shape('circle', { cx: 27.5, cy: 27, r: 1.6, fill: '#2b2233' }),
    shape('circle', { cx: 36.5, cy: 27, r: 1.6, fill: '#2b2233' }),
    shape('path', {
      d: 'M28 32.5 Q32 35.5 36 32.5',
      stroke: '#2b2233',
      'stroke-width': 1.4,
      fill: 'none',
      'stroke-linecap': 'round',
    }),
  );
  return svg;
}
