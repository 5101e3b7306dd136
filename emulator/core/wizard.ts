/**
 * The configuration wizard on the dialog origin:
 *
 *   GET  /external/solutions/{embeddedId}/configure/{solutionInstanceId}?code=…   the page (uses up the code)
 *   POST …/configure/{solutionInstanceId}/allow   {session, slot}            signs an auth slot in
 *   POST …/configure/{solutionInstanceId}/finish  {session, configValues}    writes the values, ends the session
 *
 * The code is single use and lasts 5 minutes; it opens a wizard session the
 * page then uses (never the code again). Only the code's user's instance is
 * served. The two POSTs are the page's own same-origin JSON calls: a request
 * from another origin, or not JSON, is refused.
 */
import { errorPage, type Page } from './page.ts';
import { html, json } from './responses.ts';
import { toService, TrayRuleError, type AuthValueInput, type InstanceRecord, type Store, type WizardSession } from './store.ts';
import { wizardPage } from './wizard-page.ts';
import type { FixtureAuthSlot, FixtureSolution } from './fixture.ts';

export const WIZARD_PATH = /^\/external\/solutions\/([^/]+)\/configure\/([^/]+?)(?:\/(allow|finish))?\/?$/;

export interface WizardContext {
  store: Store;
  /** Why this embedded id is refused, or undefined when it is served. */
  embeddedIdProblem(embeddedId: string): string | undefined;
}

const wizardError = (err: string, status: number) => html(errorPage(err, { type: 'tray.configPopup.error', err }), status);
const refused = (error: string, status: number) => json({ error }, status);

const EXPIRED = 'This settings window has expired or was already finished. Close it and open the settings again.';

export async function serveWizard(request: Request, url: URL, match: RegExpExecArray, ctx: WizardContext): Promise<Response> {
  const [, embedded, instanceId, action] = match.map((p) => (p === undefined ? undefined : decodeURIComponent(p)));
  const { store } = ctx;
  const embeddedProblem = ctx.embeddedIdProblem(embedded as string);
  const owned = (userId: string): InstanceRecord | undefined => {
    const instance = store.instances.get(instanceId as string);
    return instance && instance.owner === userId ? instance : undefined;
  };
  const notFound = `Solution instance "${instanceId}" does not exist for this user.`;

  if (action === undefined) {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405, headers: { allow: 'GET' } });
    if (embeddedProblem) return wizardError(embeddedProblem, 404);
    const code = url.searchParams.get('code');
    if (!code) return wizardError('The wizard URL has no code: generate one with generateAuthorizationCode and pass it as ?code=.', 400);
    const used = store.consumeCode(code);
    if ('error' in used) return wizardError(used.error, 403);
    const instance = owned(used.userId);
    if (!instance) return wizardError(notFound, 404);
    const session = store.openWizardSession(used.userId, instance.id);
    return html(pageFor(store, instance, session, url.pathname.replace(/\/$/, '')));
  }

  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405, headers: { allow: 'POST' } });
  // The page calls these itself; anything from another origin is a cross-site request.
  if (request.headers.get('origin') !== url.origin || !/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return refused('Cross-site requests are refused: the wizard page sends these itself, as JSON.', 403);
  }
  if (embeddedProblem) return refused(embeddedProblem, 404);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(await request.text());
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    return refused('Send a JSON object.', 400);
  }
  const session = typeof body['session'] === 'string' ? store.wizardSession(body['session']) : undefined;
  if (!session || session.solutionInstanceId !== instanceId) return refused(EXPIRED, 403);
  const instance = owned(session.userId);
  if (!instance) return refused(notFound, 404);
  const solution = store.solution(instance.solutionId);
  return action === 'allow' ? allow(store, session, solution, body['slot']) : finish(store, session, body['session'] as string, instance, solution, body['configValues']);
}

function pageFor(store: Store, instance: InstanceRecord, session: string, action: string): Page {
  const solution = store.solution(instance.solutionId);
  const current = (externalId: string) => instance.configValues.find((v) => v.externalId === externalId);
  const authSlots = store.currentAuthSlots(instance);
  return wizardPage({
    solutionTitle: solution.title,
    instanceName: instance.name,
    userName: store.requireUser(instance.owner).name,
    session,
    action,
    externalValidation: solution.externalValidation === true,
    configSlots: (solution.configSlots ?? []).map((slot) => ({
      externalId: slot.externalId,
      title: slot.title,
      value: current(slot.externalId)?.value ?? slot.defaultValue,
    })),
    authSlots: (solution.authSlots ?? [])
      .filter((slot) => authSlots.includes(slot.externalId))
      .map((slot) => ({
        externalId: slot.externalId,
        title: slot.title,
        serviceTitle: slot.service.title,
        connected: instance.authValues.some((v) => v.externalId === slot.externalId),
      })),
  });
}

/** Signs an auth slot in, as the auth dialog's Allow does; the auth is attached on Finish. */
function allow(store: Store, session: WizardSession, solution: FixtureSolution, slotId: unknown): Response {
  const slot: FixtureAuthSlot | undefined = (solution.authSlots ?? []).find((s) => s.externalId === slotId);
  if (!slot) return refused(`Solution "${solution.title}" has no auth slot ${JSON.stringify(slotId)}.`, 404);
  const service = toService(slot.service);
  const user = store.requireUser(session.userId);
  const auth = store.createAuthentication(session.userId, `${service.title} account of ${user.name}`, service);
  session.authValues = [...session.authValues.filter((v) => v.externalId !== slot.externalId), { externalId: slot.externalId, authId: auth.id }];
  return json({ authId: auth.id, name: auth.name });
}

function finish(store: Store, session: WizardSession, sessionId: string, instance: InstanceRecord, solution: FixtureSolution, given: unknown): Response {
  if (given !== undefined && (!given || typeof given !== 'object' || Array.isArray(given))) {
    return refused('configValues must be an object of JSON texts keyed by config slot externalId.', 400);
  }
  const configValues = Object.entries((given ?? {}) as Record<string, unknown>).map(([externalId, value]) => ({ externalId, value }));
  // Every auth slot needs an account before the wizard may finish.
  const filled = new Set([...instance.authValues, ...session.authValues].map((v: AuthValueInput) => v.externalId));
  const errors: Record<string, string> = {};
  for (const slot of solution.authSlots ?? []) {
    if (store.currentAuthSlots(instance).includes(slot.externalId) && !filled.has(slot.externalId)) {
      errors[slot.externalId] = `Connect ${slot.service.title} first: choose "Allow ${slot.title}".`;
    }
  }
  if (Object.keys(errors).length) return json({ errors }, 400);
  try {
    store.updateInstance(session.userId, { solutionInstanceId: instance.id, authValues: session.authValues, configValues }, 0);
  } catch (error) {
    if (error instanceof TrayRuleError) return refused(error.message, 400);
    throw error;
  }
  store.closeWizardSession(sessionId);
  return json({ solutionInstanceId: instance.id });
}
