/**
 * The emulator's state: users, tokens, codes, authentications, instances and
 * trigger runs, seeded from a fixture. Plain data and rules, no transport.
 * Every rule failure is a TrayRuleError carrying Tray's error name and code.
 */
import type { Fixture, FixtureService, FixtureSolution } from './fixture.ts';

export type TrayErrorName = 'GraphQLError' | 'PreconditionError' | 'InternalError';

/** Tray's documented codes, plus two the emulator adds where Tray documents none (see README). */
export type TrayErrorCodeName =
  | 'access_not_allowed'
  | 'resource_does_not_exist'
  | 'resource_already_exists'
  | 'user_does_not_exist'
  | 'user_already_exists'
  | 'workflow_does_not_exist'
  | 'instance_not_ready'
  | 'missing_values'
  | 'invalid_value';

export class TrayRuleError extends Error {
  readonly trayName: TrayErrorName;
  readonly code: TrayErrorCodeName;
  constructor(code: TrayErrorCodeName, message: string, trayName: TrayErrorName = 'PreconditionError') {
    super(message);
    this.code = code;
    this.trayName = trayName;
  }
}

export const USER_TOKEN_TTL_MS = 2 * 24 * 60 * 60 * 1000;
export const AUTH_CODE_TTL_MS = 5 * 60 * 1000;
/** A dialog that was opened with a valid code may be submitted within this time. */
export const DIALOG_SESSION_TTL_MS = 30 * 60 * 1000;

export interface User {
  id: string;
  name: string;
  externalUserId: string;
}

export interface Service {
  id: string;
  name: string;
  title: string;
  icon: string;
  version: string;
  authType: string;
}

export interface AuthenticationRecord {
  id: string;
  userId: string;
  name: string;
  service: Service;
  created: number;
}

export interface WorkflowInstanceRecord {
  id: string;
  sourceWorkflowId: string;
  sourceWorkflowName: string;
}

export interface VersionFlags {
  hasNewerVersion: boolean;
  requiresUserInputToUpdateVersion: boolean;
  requiresSystemInputToUpdateVersion: boolean;
}

export interface InstanceRecord {
  id: string;
  solutionId: string;
  owner: string;
  name: string;
  enabled: boolean;
  created: number;
  authValues: Array<{ externalId: string; authId: string }>;
  configValues: Array<{ externalId: string; value: string | null }>;
  workflows: WorkflowInstanceRecord[];
  flags: VersionFlags;
  /** Auth slots that only the newer solution version has. */
  newVersionAuthSlots: string[];
}

export interface RunRecord {
  id: string;
  solutionInstanceId: string;
  workflowInstanceId: string;
  sourceWorkflowName: string;
  method: string;
  at: string;
}

export interface TokenRecord {
  userId: string;
  expiresAt: number;
}

interface CodeRecord {
  userId: string;
  expiresAt: number;
}

export interface DialogSession {
  userId: string;
  solutionInstanceId: string;
  externalAuthId: string;
  expiresAt: number;
}

/** An open configuration wizard: used many times (Allow, Finish) until finished or expired. */
export interface WizardSession {
  userId: string;
  solutionInstanceId: string;
  /** Auths signed in with the wizard's Allow buttons, written to the instance on Finish. */
  authValues: AuthValueInput[];
  expiresAt: number;
}

export type AuthValueInput = { externalId: string; authId: string };
export type ConfigValueInput = { externalId: string; value?: unknown };

const NO_FLAGS: VersionFlags = {
  hasNewerVersion: false,
  requiresUserInputToUpdateVersion: false,
  requiresSystemInputToUpdateVersion: false,
};

export function randomId(): string {
  return crypto.randomUUID();
}

/** An unguessable secret (tokens, codes). */
export function randomSecret(bytes = 28): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function toService(s: FixtureService): Service {
  return { id: s.id ?? `service-${s.name}`, name: s.name, title: s.title, icon: s.icon, version: s.version, authType: s.authType ?? 'oauth' };
}

/** Json scalar input: keep strings holding JSON text; anything else is stored as its JSON text. */
function jsonText(value: unknown, where: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    JSON.parse(value);
  } catch {
    throw new TrayRuleError(
      'invalid_value',
      `${where}: ${JSON.stringify(value)} is not JSON text. Config values are strings holding JSON, e.g. "\\"${value}\\"" for a text value.`,
      'GraphQLError',
    );
  }
  return value;
}

export class Store {
  users = new Map<string, User>();
  solutions: FixtureSolution[] = [];
  authentications = new Map<string, AuthenticationRecord>();
  instances = new Map<string, InstanceRecord>();
  runs: RunRecord[] = [];
  private tokens = new Map<string, TokenRecord>();
  private codes = new Map<string, CodeRecord>();
  private dialogSessions = new Map<string, DialogSession>();
  private wizardSessions = new Map<string, WizardSession>();

  constructor(
    fixture: Fixture,
    private readonly now: () => number,
    /** Create a second user for an `externalUserId` that already has one (see EmulatorOptions). */
    private readonly acceptDuplicateUsers = false,
  ) {
    const start = now();
    this.solutions = structuredClone(fixture.solutions);
    for (const u of fixture.users ?? []) this.users.set(u.id, { ...u });
    for (const a of fixture.authentications ?? []) {
      this.authentications.set(a.id, { id: a.id, userId: a.userId, name: a.name, service: toService(a.service), created: start });
    }
    for (const i of fixture.instances ?? []) {
      const solution = this.solution(i.solutionId);
      this.instances.set(i.id, {
        id: i.id,
        solutionId: i.solutionId,
        owner: i.owner,
        name: i.name,
        enabled: i.enabled ?? false,
        created: i.created ? Date.parse(i.created) : start,
        authValues: structuredClone(i.authValues ?? []),
        configValues: structuredClone(i.configValues ?? []),
        workflows: this.workflowsFor(solution),
        flags: { ...(i.solutionVersionFlags ?? NO_FLAGS) },
        newVersionAuthSlots: [...(i.newVersionAuthSlots ?? [])],
      });
    }
  }

  // --- users, tokens, codes ---------------------------------------------

  createUser(name: string, externalUserId: string): User {
    for (const u of this.acceptDuplicateUsers ? [] : this.users.values()) {
      if (u.externalUserId === externalUserId) {
        throw new TrayRuleError('user_already_exists', `A user with externalUserId "${externalUserId}" already exists.`);
      }
    }
    const user = { id: randomId(), name, externalUserId };
    this.users.set(user.id, user);
    return user;
  }

  requireUser(userId: string): User {
    const user = this.users.get(userId);
    if (!user) throw new TrayRuleError('user_does_not_exist', `User "${userId}" does not exist. Create it with createExternalUser first.`);
    return user;
  }

  removeUser(userId: string): void {
    this.requireUser(userId);
    this.users.delete(userId);
    for (const [id, i] of this.instances) if (i.owner === userId) this.instances.delete(id);
    for (const [id, a] of this.authentications) if (a.userId === userId) this.authentications.delete(id);
    for (const [t, r] of this.tokens) if (r.userId === userId) this.tokens.delete(t);
    for (const [c, r] of this.codes) if (r.userId === userId) this.codes.delete(c);
  }

  issueToken(userId: string): string {
    this.requireUser(userId);
    const token = randomSecret();
    this.tokens.set(token, { userId, expiresAt: this.now() + USER_TOKEN_TTL_MS });
    return token;
  }

  /** The token's record while it is valid, else undefined (unknown or expired). */
  tokenRecord(token: string): TokenRecord | undefined {
    const record = this.tokens.get(token);
    if (!record) return undefined;
    if (this.now() >= record.expiresAt || !this.users.has(record.userId)) {
      this.tokens.delete(token);
      return undefined;
    }
    return record;
  }

  issueCode(userId: string): string {
    this.requireUser(userId);
    const code = randomSecret(20);
    this.codes.set(code, { userId, expiresAt: this.now() + AUTH_CODE_TTL_MS });
    return code;
  }

  /** Uses up a code: returns its user, or why it cannot be used. */
  consumeCode(code: string): { userId: string } | { error: string } {
    const record = this.codes.get(code);
    if (!record) return { error: 'This authorization code is not valid or has already been used. Ask for a new one.' };
    this.codes.delete(code);
    if (this.now() >= record.expiresAt) return { error: 'This authorization code has expired (codes last 5 minutes). Ask for a new one.' };
    return { userId: record.userId };
  }

  openDialogSession(session: Omit<DialogSession, 'expiresAt'>): string {
    const id = randomSecret(20);
    this.dialogSessions.set(id, { ...session, expiresAt: this.now() + DIALOG_SESSION_TTL_MS });
    return id;
  }

  takeDialogSession(id: string): DialogSession | undefined {
    const session = this.dialogSessions.get(id);
    this.dialogSessions.delete(id);
    if (!session || this.now() >= session.expiresAt) return undefined;
    return session;
  }

  openWizardSession(userId: string, solutionInstanceId: string): string {
    const id = randomSecret(20);
    this.wizardSessions.set(id, { userId, solutionInstanceId, authValues: [], expiresAt: this.now() + DIALOG_SESSION_TTL_MS });
    return id;
  }

  /** The open wizard session, or undefined when unknown, finished or expired. */
  wizardSession(id: string): WizardSession | undefined {
    const session = this.wizardSessions.get(id);
    if (session && this.now() < session.expiresAt) return session;
    this.wizardSessions.delete(id);
    return undefined;
  }

  closeWizardSession(id: string): void {
    this.wizardSessions.delete(id);
  }

  // --- solutions and instances --------------------------------------------

  solution(id: string): FixtureSolution {
    const s = this.solutions.find((x) => x.id === id);
    if (!s) throw new TrayRuleError('resource_does_not_exist', `Solution "${id}" does not exist.`);
    return s;
  }

  private workflowsFor(solution: FixtureSolution): WorkflowInstanceRecord[] {
    const sources = solution.workflows?.length ? solution.workflows : [{ id: `${solution.id}-workflow`, name: solution.title }];
    return sources.map((w) => ({ id: randomId(), sourceWorkflowId: w.id, sourceWorkflowName: w.name }));
  }

  /** The instance when `userId` owns it; a foreign and a missing instance look the same. */
  ownedInstance(id: string, userId: string): InstanceRecord {
    const instance = this.instances.get(id);
    if (!instance || instance.owner !== userId) {
      throw new TrayRuleError('resource_does_not_exist', `Solution instance "${id}" does not exist.`);
    }
    return instance;
  }

  /** Auth slots the instance's current version has (the newer version's extra slots excluded). */
  currentAuthSlots(instance: InstanceRecord): string[] {
    const slots = (this.solution(instance.solutionId).authSlots ?? []).map((s) => s.externalId);
    return slots.filter((s) => !instance.newVersionAuthSlots.includes(s));
  }

  private checkAuthValues(instance: Pick<InstanceRecord, 'solutionId' | 'owner' | 'newVersionAuthSlots'>, values: AuthValueInput[], allowNewVersion: boolean) {
    const solution = this.solution(instance.solutionId);
    const slots = new Set((solution.authSlots ?? []).map((s) => s.externalId));
    for (const v of values) {
      if (!slots.has(v.externalId)) {
        throw new TrayRuleError(
          'resource_does_not_exist',
          `Solution "${solution.title}" has no auth slot "${v.externalId}"; its auth slots are: ${[...slots].join(', ') || 'none'}.`,
        );
      }
      if (!allowNewVersion && instance.newVersionAuthSlots.includes(v.externalId)) {
        throw new TrayRuleError(
          'resource_does_not_exist',
          `Auth slot "${v.externalId}" exists only in a newer version of "${solution.title}"; fill it with upgradeSolutionInstance.`,
        );
      }
      const auth = this.authentications.get(v.authId);
      if (!auth || auth.userId !== instance.owner) {
        throw new TrayRuleError('resource_does_not_exist', `Authentication "${v.authId}" does not exist for the owner of this solution instance.`);
      }
    }
  }

  private checkConfigValues(solutionId: string, values: ConfigValueInput[]): Array<{ externalId: string; value: string | null }> {
    const solution = this.solution(solutionId);
    const slots = new Set((solution.configSlots ?? []).map((s) => s.externalId));
    return values.map((v) => {
      if (!slots.has(v.externalId)) {
        throw new TrayRuleError(
          'resource_does_not_exist',
          `Solution "${solution.title}" has no config slot "${v.externalId}"; its config slots are: ${[...slots].join(', ') || 'none'}.`,
        );
      }
      return { externalId: v.externalId, value: jsonText(v.value, `configValues "${v.externalId}"`) };
    });
  }

  createInstance(userId: string, input: { solutionId: string; instanceName: string; authValues?: AuthValueInput[] | null; configValues?: ConfigValueInput[] | null }): InstanceRecord {
    const solution = this.solution(input.solutionId);
    const draft = { solutionId: solution.id, owner: userId, newVersionAuthSlots: [] as string[] };
    this.checkAuthValues(draft, input.authValues ?? [], false);
    const given = this.checkConfigValues(solution.id, input.configValues ?? []);
    // Slots left out start from their defaults, as a configured instance would.
    const configValues = (solution.configSlots ?? []).map(
      (slot) => given.findLast((g) => g.externalId === slot.externalId) ?? { externalId: slot.externalId, value: slot.defaultValue },
    );
    const instance: InstanceRecord = {
      id: randomId(),
      solutionId: solution.id,
      owner: userId,
      name: input.instanceName,
      enabled: false,
      created: this.now(),
      authValues: merge([], input.authValues ?? []),
      configValues,
      workflows: this.workflowsFor(solution),
      flags: { ...NO_FLAGS },
      newVersionAuthSlots: [],
    };
    this.instances.set(instance.id, instance);
    return instance;
  }

  updateInstance(
    userId: string,
    input: {
      solutionInstanceId: string;
      instanceName?: string | null;
      enabled?: boolean | null;
      authValues?: AuthValueInput[] | null;
      configValues?: ConfigValueInput[] | null;
      errorOnEnablingWithMissingValues?: boolean | null;
    },
    enableDelayMs: number,
  ): InstanceRecord {
    const instance = this.ownedInstance(input.solutionInstanceId, userId);
    // Check everything first so a refused update changes nothing.
    this.checkAuthValues(instance, input.authValues ?? [], false);
    const config = this.checkConfigValues(instance.solutionId, input.configValues ?? []);
    const authValues = merge(instance.authValues, input.authValues ?? []);
    if (input.enabled === true && !instance.enabled) {
      const age = this.now() - instance.created;
      if (age < enableDelayMs) {
        throw new TrayRuleError(
          'instance_not_ready',
          `Solution instance "${instance.id}" was created ${Math.max(0, Math.round(age))} ms ago; wait at least ${enableDelayMs} ms after createSolutionInstance before enabling it.`,
        );
      }
      if (input.errorOnEnablingWithMissingValues) {
        const filled = new Set(authValues.map((v) => v.externalId));
        const missing = this.currentAuthSlots(instance).filter((s) => !filled.has(s));
        if (missing.length) {
          throw new TrayRuleError('missing_values', `Cannot enable solution instance "${instance.id}": auth slots without a value: ${missing.join(', ')}.`);
        }
      }
    }
    if (input.instanceName != null) instance.name = input.instanceName;
    instance.authValues = authValues;
    instance.configValues = merge(instance.configValues, config);
    if (input.enabled != null) instance.enabled = input.enabled;
    return instance;
  }

  upgradeInstance(userId: string, input: { solutionInstanceId: string; authValues?: AuthValueInput[] | null; configValues?: ConfigValueInput[] | null }): InstanceRecord {
    const instance = this.ownedInstance(input.solutionInstanceId, userId);
    this.checkAuthValues(instance, input.authValues ?? [], true);
    const config = this.checkConfigValues(instance.solutionId, input.configValues ?? []);
    instance.authValues = merge(instance.authValues, input.authValues ?? []);
    instance.configValues = merge(instance.configValues, config);
    instance.newVersionAuthSlots = [];
    instance.flags = { ...NO_FLAGS };
    return instance;
  }

  removeInstance(userId: string, id: string): void {
    this.ownedInstance(id, userId);
    this.instances.delete(id);
  }

  // --- authentications -----------------------------------------------------

  createAuthentication(userId: string, name: string, service: Service): AuthenticationRecord {
    const auth = { id: randomId(), userId, name, service, created: this.now() };
    this.authentications.set(auth.id, auth);
    return auth;
  }

  /** Removes an auth of `userId`, or any auth when `userId` is null (the master token). */
  removeAuthentication(userId: string | null, id: string): void {
    const auth = this.authentications.get(id);
    if (!auth || (userId !== null && auth.userId !== userId)) throw new TrayRuleError('resource_does_not_exist', `Authentication "${id}" does not exist.`);
    this.authentications.delete(id);
  }

  // --- trigger runs -------------------------------------------------------

  findWorkflowInstance(workflowInstanceId: string): { instance: InstanceRecord; workflow: WorkflowInstanceRecord } | undefined {
    for (const instance of this.instances.values()) {
      const workflow = instance.workflows.find((w) => w.id === workflowInstanceId);
      if (workflow) return { instance, workflow };
    }
    return undefined;
  }

  recordRun(instance: InstanceRecord, workflow: WorkflowInstanceRecord, method: string): RunRecord {
    const run = {
      id: randomId(),
      solutionInstanceId: instance.id,
      workflowInstanceId: workflow.id,
      sourceWorkflowName: workflow.sourceWorkflowName,
      method,
      at: new Date(this.now()).toISOString(),
    };
    this.runs.push(run);
    return run;
  }
}

/** Values merge by externalId: a given slot replaces the old value, others stay. */
function merge<T extends { externalId: string }>(current: T[], given: T[]): T[] {
  const out = current.map((v) => ({ ...v }));
  for (const v of given) {
    const copy = { ...v };
    const at = out.findIndex((o) => o.externalId === v.externalId);
    if (at >= 0) out[at] = copy;
    else out.push(copy);
  }
  return out;
}
