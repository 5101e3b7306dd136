/**
 * The marketplace's load as a Lit reactive controller: it runs its task
 * whenever the arguments change (compared by value before each render),
 * aborts the run it supersedes, and renders by where the newest run stands.
 * It does the little of @lit/task the element uses, at a third of its size
 * in the first bundle.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type LoadStatus = 'initial' | 'pending' | 'complete' | 'error';

export interface LoadTaskOptions<Args extends readonly unknown[], Value> {
  task: (args: Args, options: { signal: AbortSignal }) => Promise<Value>;
  args: () => Args;
  onComplete: (value: Value) => void;
  onError: (error: unknown) => void;
}

export interface LoadRenderers<Value> {
  initial: () => unknown;
  pending: () => unknown;
  complete: (value: Value) => unknown;
  error: (error: unknown) => unknown;
}

export class LoadTask<Args extends readonly unknown[], Value> implements ReactiveController {
  status: LoadStatus = 'initial';
  value: Value | undefined;
  error: unknown;
  /** The arguments as JSON: a new but equal `tags` array does not reload. */
  #lastArgs: string | undefined;
  /** The newest run's: aborting it stops its fetches, and a finished run that is not the newest is ignored. */
  #running: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LoadTaskOptions<Args, Value>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const args = JSON.stringify(this.options.args());
    if (args !== this.#lastArgs) void this.run();
  }

  /** Runs the task now (Retry), whether or not the arguments changed. */
  async run(): Promise<void> {
    const args = this.options.args();
    this.#lastArgs = JSON.stringify(args);
    this.#running?.abort();
    const running = (this.#running = new AbortController());
    this.status = 'pending';
    this.host.requestUpdate();
    try {
      const value = await this.options.task(args, { signal: running.signal });
      if (running !== this.#running) return;
      this.value = value;
      this.status = 'complete';
      this.options.onComplete(value);
    } catch (error) {
      if (running !== this.#running) return;
      this.error = error;
      this.status = 'error';
      this.options.onError(error);
    }
    this.host.requestUpdate();
  }

  render(renderers: LoadRenderers<Value>): unknown {
    return this.status === 'complete' ? renderers.complete(this.value as Value) : renderers[this.status](this.error);
  }
}
