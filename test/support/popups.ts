/**
 * Makes `window.open` answer as a browser that blocks the popup does: null.
 *
 * Chromium started over DevTools never blocks a popup, with or without a user
 * gesture (checked with the default flags, without --disable-popup-blocking,
 * with a profile that blocks popups, and with --block-new-web-contents), so
 * the blocked case cannot be produced for real in these tests. What the widget
 * sees of a blocked popup is exactly this return value. Returns the restorer.
 */
export function blockPopups(): () => void {
  const original = window.open;
  window.open = () => null;
  return () => {
    window.open = original;
  };
}
