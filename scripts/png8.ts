/**
 * A small palette-PNG writer for documentation screenshots: median-cut the
 * colours down to 256 and write an indexed PNG, which is several times
 * smaller than the browser's 32-bit PNG for flat game art.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

interface Box {
  buckets: number[];
}

/** 15-bit colour buckets: 5 bits per channel. */
const key = (r: number, g: number, b: number): number =>
  ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);

/** Median cut over the bucket histogram; returns up to `size` RGB colours. */
function medianCut(
  count: Uint32Array,
  sums: Float64Array,
  size: number,
): [number, number, number][] {
  const used: number[] = [];
  for (let i = 0; i < count.length; i++) if ((count[i] as number) > 0) used.push(i);
  const channel = (bucket: number, c: number): number => (bucket >> (10 - c * 5)) & 31;
  const boxes: Box[] = [{ buckets: used }];
  while (boxes.length < size) {
    // Split the box with the widest channel range (ties: the most pixels).
    let best = -1;
    let bestScore = 0;
    let bestChannel = 0;
    boxes.forEach((box, i) => {
      if (box.buckets.length < 2) return;
      for (let c = 0; c < 3; c++) {
        let lo = 31;
        let hi = 0;
        let pixels = 0;
        for (const bk of box.buckets) {
          const v = channel(bk, c);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          pixels += count[bk] as number;
        }
        const score = (hi - lo) * Math.sqrt(pixels);
        if (score > bestScore) {
          bestScore = score;
          best = i;
          bestChannel = c;
        }
      }
    });
    if (best < 0) break;
    const box = boxes[best] as Box;
    box.buckets.sort((a, b) => channel(a, bestChannel) - channel(b, bestChannel));
    let total = 0;
    for (const bk of box.buckets) total += count[bk] as number;
    let acc = 0;
    let cut = 1;
    for (let i = 0; i < box.buckets.length - 1; i++) {
      acc += count[box.buckets[i] as number] as number;
      if (acc >= total / 2) {
        cut = i + 1;
        break;
      }
    }
    boxes.splice(
      best,
      1,
      { buckets: box.buckets.slice(0, cut) },
      { buckets: box.buckets.slice(cut) },
    );
  }
  return boxes.map((box) => {
    let n = 0;
    let r = 0;
    let g = 0;
    let b = 0;
    for (const bk of box.buckets) {
      n += count[bk] as number;
      r += sums[bk * 3] as number;
      g += sums[bk * 3 + 1] as number;
      b += sums[bk * 3 + 2] as number;
    }
    return [Math.round(r / n), Math.round(g / n), Math.round(b / n)];
  });
}

/** Encode RGBA pixels (alpha ignored) as an 8-bit indexed PNG. */
export function encodePng8(rgba: Uint8Array, width: number, height: number): Buffer {
  const count = new Uint32Array(1 << 15);
  const sums = new Float64Array((1 << 15) * 3);
  for (let i = 0; i < width * height; i++) {
    const r = rgba[i * 4] as number;
    const g = rgba[i * 4 + 1] as number;
    const b = rgba[i * 4 + 2] as number;
    const k = key(r, g, b);
    count[k] = (count[k] as number) + 1;
    sums[k * 3] = (sums[k * 3] as number) + r;
    sums[k * 3 + 1] = (sums[k * 3 + 1] as number) + g;
    sums[k * 3 + 2] = (sums[k * 3 + 2] as number) + b;
  }
  const palette = medianCut(count, sums, 256);
  const nearest = new Int16Array(1 << 15).fill(-1);
  const lookup = (r: number, g: number, b: number): number => {
    const k = key(r, g, b);
    const hit = nearest[k] as number;
    if (hit >= 0) return hit;
    let best = 0;
    let bestD = Infinity;
    palette.forEach(([pr, pg, pb], i) => {
      const d = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    nearest[k] = best;
    return best;
  };
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      raw[y * (width + 1) + 1 + x] = lookup(
        rgba[i] as number,
        rgba[i + 1] as number,
        rgba[i + 2] as number,
      );
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.from(palette.flat());
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
