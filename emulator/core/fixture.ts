/**
 * The fixture: the partner's solutions and any pre-seeded users, auths and
 * instances. Plain JSON (documented in emulator/README.md); `loadFixture`
 * checks every field and reports all problems at once, each with its path,
 * so a hand-written fixture can be fixed in one go.
 */

export interface FixtureService {
  /** Defaults to `service-<name>`. */
  id?: string;
  name: string;
  title: string;
  icon: string;
  version: string;
  /** What the dialog reports as `authType` (default `oauth`). */
  authType?: string;
}

export interface FixtureAuthSlot {
  externalId: string;
  title: string;
  /** The service the dialog creates an Authentication for. */
  service: FixtureService;
}

export interface FixtureConfigSlot {
  externalId: string;
  title: string;
  /** Json scalar: a string holding JSON text, e.g. "\"#general\"". */
  defaultValue: string;
}

export interface FixtureWorkflow {
  id: string;
  name: string;
}

export interface FixtureSolution {
  id: string;
  title: string;
  description?: string | null;
  tags?: string[];
  customFields?: Array<{ key: string; value: string }>;
  authSlots?: FixtureAuthSlot[];
  configSlots?: FixtureConfigSlot[];
  /** Defaults to one workflow named after the solution. */
  workflows?: FixtureWorkflow[];
  /**
   * The configuration wizard asks the host to validate the values
   * (`tray.configPopup.validate`) before it saves them. Default false.
   */
  externalValidation?: boolean;
}

export interface FixtureUser {
  id: string;
  name: string;
  externalUserId: string;
}

export interface FixtureAuthentication {
  id: string;
  /** The owning user's `id`. */
  userId: string;
  name: string;
  service: FixtureService;
}

export interface FixtureVersionFlags {
  hasNewerVersion: boolean;
  requiresUserInputToUpdateVersion: boolean;
  requiresSystemInputToUpdateVersion: boolean;
}

export interface FixtureInstance {
  id: string;
  solutionId: string;
  /** The owning user's `id`. */
  owner: string;
  name: string;
  enabled?: boolean;
  /** ISO-8601; defaults to the emulator's start time. */
  created?: string;
  authValues?: Array<{ externalId: string; authId: string }>;
  configValues?: Array<{ externalId: string; value: string | null }>;
  solutionVersionFlags?: FixtureVersionFlags;
  /**
   * Auth slots of the solution that exist only in its newer version: the
   * instance cannot fill them with updateSolutionInstance, only with
   * upgradeSolutionInstance.
   */
  newVersionAuthSlots?: string[];
}

export interface Fixture {
  solutions: FixtureSolution[];
  users?: FixtureUser[];
  authentications?: FixtureAuthentication[];
  instances?: FixtureInstance[];
}

export class FixtureError extends Error {
  override readonly name = 'FixtureError';
  readonly problems: string[];
  constructor(problems: string[], source = 'fixture') {
    super(`The ${source} is not valid; fix these and try again:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates `input` (parsed JSON) and returns it typed, or throws FixtureError listing every problem. */
export function loadFixture(input: unknown, source = 'fixture'): Fixture {
  const problems: string[] = [];
  const str = (o: Obj, key: string, path: string, optional = false): string | undefined => {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v === '') {
      problems.push(`${path}.${key}: expected a non-empty string, got ${describe(v)}`);
      return undefined;
    }
    return v;
  };
  const arr = (o: Obj, key: string, path: string): unknown[] => {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problems.push(`${path}.${key}: expected an array, got ${describe(v)}`);
      return [];
    }
    return v;
  };
  const objects = (o: Obj, key: string, path: string, each: (item: Obj, p: string) => void) => {
    arr(o, key, path).forEach((item, i) => {
      const p = `${path}.${key}[${i}]`;
      if (!isObj(item)) problems.push(`${p}: expected an object, got ${describe(item)}`);
      else each(item, p);
    });
  };
  const unique = (seen: Set<string>, id: string | undefined, p: string, what: string) => {
    if (id === undefined) return;
    if (seen.has(id)) problems.push(`${p}: duplicate ${what} "${id}"; each must be unique`);
    seen.add(id);
  };
  const json = (o: Obj, key: string, p: string, nullable: boolean) => {
    const v = o[key];
    if (v === null && nullable) return;
    if (typeof v !== 'string') {
      problems.push(`${p}.${key}: expected a string holding JSON text (e.g. "\\"text\\"", "true", "7"), got ${describe(v)}`);
      return;
    }
    try {
      JSON.parse(v);
    } catch {
      problems.push(`${p}.${key}: ${JSON.stringify(v)} is not JSON text; a text value must be quoted, e.g. "\\"${v}\\""`);
    }
  };
  const service = (o: Obj, p: string) => {
    const s = o['service'];
    if (!isObj(s)) {
      problems.push(`${p}.service: expected an object {name, title, icon, version}, got ${describe(s)}`);
      return;
    }
    str(s, 'id', `${p}.service`, true);
    for (const k of ['name', 'title', 'icon', 'version']) str(s, k, `${p}.service`);
    str(s, 'authType', `${p}.service`, true);
  };

  if (!isObj(input)) throw new FixtureError([`expected a JSON object with a "solutions" array, got ${describe(input)}`], source);
  const known = new Set(['solutions', 'users', 'authentications', 'instances', '$comment']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push(`${key}: unknown top-level key; use solutions, users, authentications or instances`);
  }
  if (!Array.isArray(input['solutions']) || input['solutions'].length === 0) {
    problems.push(`solutions: expected a non-empty array of solutions, got ${describe(input['solutions'])}`);
  }

  const solutionSlots = new Map<string, { auth: Set<string>; config: Set<string> }>();
  const solutionIds = new Set<string>();
  objects(input, 'solutions', 'fixture', (s, p) => {
    const id = str(s, 'id', p);
    unique(solutionIds, id, `${p}.id`, 'solution id');
    str(s, 'title', p);
    if (s['description'] !== undefined && s['description'] !== null && typeof s['description'] !== 'string') {
      problems.push(`${p}.description: expected a string or null, got ${describe(s['description'])}`);
    }
    arr(s, 'tags', p).forEach((t, i) => {
      if (typeof t !== 'string' || t === '') problems.push(`${p}.tags[${i}]: expected a non-empty string, got ${describe(t)}`);
    });
    objects(s, 'customFields', p, (f, fp) => {
      str(f, 'key', fp);
      if (typeof f['value'] !== 'string') problems.push(`${fp}.value: expected a string, got ${describe(f['value'])}`);
    });
    const auth = new Set<string>();
    const config = new Set<string>();
    objects(s, 'authSlots', p, (a, ap) => {
      unique(auth, str(a, 'externalId', ap), `${ap}.externalId`, 'auth slot externalId');
      str(a, 'title', ap);
      service(a, ap);
    });
    objects(s, 'configSlots', p, (c, cp) => {
      unique(config, str(c, 'externalId', cp), `${cp}.externalId`, 'config slot externalId');
      str(c, 'title', cp);
      json(c, 'defaultValue', cp, false);
    });
    if (s['externalValidation'] !== undefined && typeof s['externalValidation'] !== 'boolean') {
      problems.push(`${p}.externalValidation: expected true or false, got ${describe(s['externalValidation'])}`);
    }
    const wf = new Set<string>();
    objects(s, 'workflows', p, (w, wp) => {
      unique(wf, str(w, 'id', wp), `${wp}.id`, 'workflow id');
      str(w, 'name', wp);
    });
    if (id) solutionSlots.set(id, { auth, config });
  });

  const userIds = new Set<string>();
  const externalIds = new Set<string>();
  objects(input, 'users', 'fixture', (u, p) => {
    unique(userIds, str(u, 'id', p), `${p}.id`, 'user id');
    unique(externalIds, str(u, 'externalUserId', p), `${p}.externalUserId`, 'externalUserId');
    str(u, 'name', p);
  });

  const authOwner = new Map<string, string>();
  objects(input, 'authentications', 'fixture', (a, p) => {
    const id = str(a, 'id', p);
    if (id && authOwner.has(id)) problems.push(`${p}.id: duplicate authentication id "${id}"`);
    const userId = str(a, 'userId', p);
    if (userId && !userIds.has(userId)) problems.push(`${p}.userId: no user with id "${userId}" in fixture.users`);
    str(a, 'name', p);
    service(a, p);
    if (id && userId) authOwner.set(id, userId);
  });

  const instanceIds = new Set<string>();
  objects(input, 'instances', 'fixture', (inst, p) => {
    unique(instanceIds, str(inst, 'id', p), `${p}.id`, 'instance id');
    const solutionId = str(inst, 'solutionId', p);
    const slots = solutionId ? solutionSlots.get(solutionId) : undefined;
    if (solutionId && !slots) problems.push(`${p}.solutionId: no solution with id "${solutionId}" in fixture.solutions`);
    const owner = str(inst, 'owner', p);
    if (owner && !userIds.has(owner)) problems.push(`${p}.owner: no user with id "${owner}" in fixture.users`);
    str(inst, 'name', p);
    if (inst['enabled'] !== undefined && typeof inst['enabled'] !== 'boolean') {
      problems.push(`${p}.enabled: expected true or false, got ${describe(inst['enabled'])}`);
    }
    if (inst['created'] !== undefined && (typeof inst['created'] !== 'string' || Number.isNaN(Date.parse(inst['created'])))) {
      problems.push(`${p}.created: expected an ISO-8601 date such as "2024-05-01T12:00:00.000Z", got ${describe(inst['created'])}`);
    }
    objects(inst, 'authValues', p, (v, vp) => {
      const ext = str(v, 'externalId', vp);
      const authId = str(v, 'authId', vp);
      if (ext && slots && !slots.auth.has(ext)) problems.push(`${vp}.externalId: solution "${solutionId}" has no auth slot "${ext}"`);
      if (authId && owner && authOwner.get(authId) !== owner) {
        problems.push(`${vp}.authId: "${authId}" is not an authentication of the instance owner "${owner}" in fixture.authentications`);
      }
    });
    objects(inst, 'configValues', p, (v, vp) => {
      const ext = str(v, 'externalId', vp);
      if (ext && slots && !slots.config.has(ext)) problems.push(`${vp}.externalId: solution "${solutionId}" has no config slot "${ext}"`);
      json(v, 'value', vp, true);
    });
    const flags = inst['solutionVersionFlags'];
    if (flags !== undefined) {
      if (!isObj(flags)) problems.push(`${p}.solutionVersionFlags: expected an object, got ${describe(flags)}`);
      else
        for (const k of ['hasNewerVersion', 'requiresUserInputToUpdateVersion', 'requiresSystemInputToUpdateVersion']) {
          if (typeof flags[k] !== 'boolean') problems.push(`${p}.solutionVersionFlags.${k}: expected true or false, got ${describe(flags[k])}`);
        }
    }
    arr(inst, 'newVersionAuthSlots', p).forEach((ext, i) => {
      if (typeof ext !== 'string' || (slots && !slots.auth.has(ext))) {
        problems.push(`${p}.newVersionAuthSlots[${i}]: expected the externalId of one of the solution's auth slots, got ${describe(ext)}`);
      }
    });
  });

  if (problems.length) throw new FixtureError(problems, source);
  return input as unknown as Fixture;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v === '' ? 'an empty string' : JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
