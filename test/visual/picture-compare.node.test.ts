/**
 * The visual suite's tolerance (test/support/picture-compare.ts), on drawn
 * pictures: it lets scattered small differences through (what two
 * rasterizers make of glyph edges) and fails on a change a person sees, even
 * a small one: a recoloured badge, a shortened word, a picture that grew.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { comparePictures } from '../support/picture-compare.ts';

type Rgb = [number, number, number];
const hex = (value: string): Rgb => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)) as Rgb;

/** A white card with dark "text" strokes and a green badge, optionally changed by `edit`. */
function card(edit: (put: (x: number, y: number, rgb: Rgb) => void) => void = () => {}, width = 300, height = 200): Buffer {
  const png = new PNG({ width, height });
  const put = (x: number, y: number, [r, g, b]: Rgb) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    png.data.set([r, g, b, 255], (y * width + x) * 4);
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) put(x, y, [255, 255, 255]);
  // Lines of "text": short dark strokes.
  for (let line = 0; line < 8; line++) for (let x = 16; x < 260; x += 5) for (let dy = 0; dy < 9; dy++) for (let w = 0; w < 2; w++) put(x + w, 20 + line * 20 + dy, [28, 33, 40]);
  for (let y = 4; y < 16; y++) for (let x = 230; x < 290; x++) put(x, y, hex('#146c2e'));
  edit(put);
  return PNG.sync.write(png);
}

test('the same picture matches, with nothing different', () => {
  const result = comparePictures(card(), card());
  assert.equal(result.ok, true);
  assert.equal(result.differing, 0);
});

test('glyph edges drawn lighter here and there, as another rasterizer anti-aliases them, still match', () => {
  // One pixel of every other stroke drawn much lighter, as another rasterizer might.
  const noisy = card((put) => {
    for (let line = 0; line < 8; line++) for (let x = 16; x < 260; x += 10) put(x + 1, 20 + line * 20 + (x % 9), [200, 204, 210]);
  });
  const result = comparePictures(card(), noisy);
  assert.equal(result.ok, true, result.reason);
});

test('a badge recoloured to a near green fails', () => {
  const recoloured = card((put) => {
    for (let y = 4; y < 16; y++) for (let x = 230; x < 290; x++) put(x, y, hex('#1a7f37'));
  });
  const result = comparePictures(card(), recoloured);
  assert.equal(result.ok, false);
  assert.match(result.reason, /in one 32×32 square/);
  assert.ok(result.diff && PNG.sync.read(result.diff).width === 300, 'a diff picture to look at');
});

test('a word shortened by a few letters fails, though it is a small share of the picture', () => {
  const shorter = card((put) => {
    for (let x = 200; x < 224; x++) for (let dy = 0; dy < 9; dy++) put(x, 160 + dy, [255, 255, 255]);
  });
  const result = comparePictures(card(), shorter);
  assert.ok(result.ratio < 0.005, 'the change is small overall');
  assert.equal(result.ok, false, result.reason);
});

test('a picture that grew by a pixel is compared on the common area; by more, it fails', () => {
  assert.equal(comparePictures(card(), card(undefined, 300, 201)).ok, true);
  const taller = comparePictures(card(), card(undefined, 300, 210));
  assert.equal(taller.ok, false);
  assert.match(taller.reason, /size changed \(stored 300×200, now 300×210\)/);
});
