/**
 * Compares a screenshot with its stored picture, with pixelmatch, at a
 * tolerance that lets two Chromium versions' anti-aliasing differ and fails
 * on anything a person would see: a changed colour, label, border or layout.
 *
 *   threshold  how far apart two pixels' colours may be (pixelmatch's OKLab
 *              distance, 0..1) before they count as different; pixelmatch
 *              also skips pixels it recognises as anti-aliasing.
 *   maxRatio   the share of a picture's pixels that may differ in all.
 *   maxCluster how many differing pixels any one 32×32 square may hold. A
 *              small real change is dense in one place (a button's word
 *              shortened: 80 pixels there; a recoloured badge: 200), while
 *              rasterizer differences are spread thin along the text.
 *
 * Measured on these pictures: Chromium's GPU rasterizer against its software
 * one (a larger difference than between two versions of one) differs in at
 * most 0.06% of a picture and CLUSTER_NOISE pixels of any square.
 *   maxShift   pictures whose sizes differ by up to this many pixels (layout
 *              rounding between versions) are compared on their common area;
 *              more than that fails outright.
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const TOLERANCE = { threshold: 0.04, maxRatio: 0.001, maxCluster: 40, maxShift: 2 } as const;
const WINDOW = 32;

export interface Comparison {
  ok: boolean;
  /** Pixels that differ, in the area both pictures have. */
  differing: number;
  /** `differing` as a share of that area. */
  ratio: number;
  /** The most differing pixels in any one square. */
  cluster: number;
  /** What a person reads when it fails. */
  reason: string;
  /** When it failed and sizes allowed a comparison: the difference drawn over the stored picture (red: different). */
  diff?: Buffer;
}

/** Copies the top-left `width`×`height` of an image's RGBA data. */
function crop(png: PNG, width: number, height: number): Buffer {
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) png.data.copy(out, y * width * 4, y * png.width * 4, (y * png.width + width) * 4);
  return out;
}

export function comparePictures(expectedPng: Buffer, actualPng: Buffer, tolerance: typeof TOLERANCE = TOLERANCE): Comparison {
  const expected = PNG.sync.read(expectedPng);
  const actual = PNG.sync.read(actualPng);
  const size = `stored ${expected.width}×${expected.height}, now ${actual.width}×${actual.height}`;
  if (Math.abs(expected.width - actual.width) > tolerance.maxShift || Math.abs(expected.height - actual.height) > tolerance.maxShift) {
    return { ok: false, differing: Infinity, ratio: 1, cluster: Infinity, reason: `its size changed (${size})` };
  }
  const width = Math.min(expected.width, actual.width);
  const height = Math.min(expected.height, actual.height);
  const diff = new PNG({ width, height });
  const common = pixelmatch(crop(expected, width, height), crop(actual, width, height), diff.data, width, height, { threshold: tolerance.threshold });
  const differing = common;
  const ratio = differing / (width * height);
  // Only pictures that differ at all are searched for the densest square.
  const cluster = common === 0 ? 0 : pixelmatch(crop(expected, width, height), crop(actual, width, height), null, width, height, { threshold: tolerance.threshold, windowSize: WINDOW });
  const ok = ratio <= tolerance.maxRatio && cluster <= tolerance.maxCluster;
  const percent = (n: number) => `${(n * 100).toFixed(3)}%`;
  return {
    ok,
    differing,
    ratio,
    cluster,
    reason: `${differing} pixels differ (${percent(ratio)}; at most ${percent(tolerance.maxRatio)} may), ${cluster} in one ${WINDOW}×${WINDOW} square (at most ${tolerance.maxCluster} may)${expected.width === actual.width && expected.height === actual.height ? '' : `; ${size}`}`,
    // Encoded only when someone will look at it: the suite stays quick.
    ...(ok ? {} : { diff: PNG.sync.write(diff) }),
  };
}
