/**
 * LoadTask in Chromium inside a real LitElement: what the element shows
 * while its load runs, once it ends and when it fails; equal arguments do
 * not reload, new ones abort the run they supersede, and Retry runs again.
 */
import { expect, fixture as mount, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { LoadTask } from '../../src/elements/load-task.ts';

/** A load the test ends by hand: one per run, in the order the runs began. */
interface Run {
  tags: readonly string[];
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (error: Error) => void;
}

class LoadHost extends LitElement {
  static override properties = { tags: { attribute: false } };
  declare tags: readonly string[];
  runs: Run[] = [];
  completed: string[] = [];
  failed: string[] = [];
  load = new LoadTask(this, {
    args: () => [this.tags] as const,
    task: ([tags], { signal }) => new Promise<string>((resolve, reject) => this.runs.push({ tags, signal, resolve, reject })),
    onComplete: (value) => this.completed.push(value),
    onError: (error) => this.failed.push((error as Error).message),
  });
  constructor() {
    super();
    this.tags = [];
  }
  protected override render() {
    return this.load.render({
      initial: () => 'initial',
      pending: () => 'loading',
      complete: (value) => `loaded ${value}`,
      error: (error) => `failed: ${(error as Error).message}`,
    });
  }
}
customElements.define('test-load-host', LoadHost);

const shown = (el: LoadHost) => el.shadowRoot!.textContent!.trim();
const settle = async (el: LoadHost) => {
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
};

describe('LoadTask', () => {
  it('shows loading while its run is out and the value once it ends, reporting it once', async () => {
    const el = await mount<LoadHost>(html`<test-load-host></test-load-host>`);
    await settle(el);
    expect(shown(el)).to.equal('loading');
    expect(el.runs).to.have.length(1);
    el.runs[0]!.resolve('three solutions');
    await settle(el);
    expect(shown(el)).to.equal('loaded three solutions');
    expect(el.completed).to.deep.equal(['three solutions']);
  });

  it('does not reload for new but equal arguments, and aborts the run that new ones supersede', async () => {
    const el = await mount<LoadHost>(html`<test-load-host .tags=${['crm']}></test-load-host>`);
    await settle(el);
    el.tags = ['crm'];
    await settle(el);
    expect(el.runs, 'an equal tags array reloaded').to.have.length(1);

    el.tags = ['finance'];
    await settle(el);
    expect(el.runs).to.have.length(2);
    expect(el.runs[0]!.signal.aborted, 'the superseded run was not aborted').to.equal(true);
    expect(el.runs[1]!.tags).to.deep.equal(['finance']);

    // The superseded run ending late shows nothing and reports nothing.
    el.runs[0]!.resolve('crm solutions');
    await settle(el);
    expect(shown(el)).to.equal('loading');
    el.runs[1]!.resolve('finance solutions');
    await settle(el);
    expect(shown(el)).to.equal('loaded finance solutions');
    expect(el.completed).to.deep.equal(['finance solutions']);
  });

  it('shows why it failed, and Retry runs it again with the same arguments', async () => {
    const el = await mount<LoadHost>(html`<test-load-host .tags=${['crm']}></test-load-host>`);
    await settle(el);
    el.runs[0]!.reject(new Error('the backend is down'));
    await settle(el);
    expect(shown(el)).to.equal('failed: the backend is down');
    expect(el.failed).to.deep.equal(['the backend is down']);

    void el.load.run();
    await settle(el);
    expect(shown(el)).to.equal('loading');
    expect(el.runs).to.have.length(2);
    expect(el.runs[1]!.tags).to.deep.equal(['crm']);
    el.runs[1]!.resolve('crm solutions');
    await settle(el);
    expect(shown(el)).to.equal('loaded crm solutions');
  });
});
