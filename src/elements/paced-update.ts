/**
 * Asks for a render at most once per interval: for a stream of changes
 * nobody needs to see one by one, such as the count under the cards while
 * a large catalogue's pages arrive. Each render of the grid costs the main
 * thread a frame (style, layout, paint) that the next page's answer would
 * otherwise wait behind; four a second still reads as a moving count.
 */
export class PacedUpdate {
  #shownAt = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly render: () => void,
    private readonly intervalMs: number,
  ) {}

  /** Renders now if the last render is an interval old, else once it is (one render for all asked meanwhile). */
  request(): void {
    const wait = this.#shownAt + this.intervalMs - performance.now();
    if (wait > 0) this.#timer ??= setTimeout(() => this.now(), wait);
    else this.now();
  }

  /** Renders now, and drops a render still waiting. */
  now(): void {
    this.cancel();
    this.#shownAt = performance.now();
    this.render();
  }

  /** Drops a render still waiting (the host left the page, or a load ended). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
