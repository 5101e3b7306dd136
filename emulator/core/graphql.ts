/**
 * Executes a GraphQL request against the store with Tray's permission rules,
 * and shapes errors the way Tray does: `{data, errors: [{message, locations,
 * path, extensions: {name, code}}]}`.
 */
import { execute, GraphQLError, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { traySchema } from './schema.ts';
import { TrayRuleError, type InstanceRecord, type Store, type AuthenticationRecord, type AuthValueInput, type ConfigValueInput } from './store.ts';

export type Caller = { kind: 'master' } | { kind: 'user'; userId: string };

export interface TrayGraphQLError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions: { name: string; code?: string; errorId?: string };
}

export interface GraphQLBody {
  data?: unknown;
  errors?: TrayGraphQLError[];
}

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

interface ExecContext {
  store: Store;
  caller: Caller;
  apiOrigin: string;
  enableDelayMs: number;
}

const masterOnly = (ctx: ExecContext, what: string) => {
  if (ctx.caller.kind !== 'master') {
    throw new TrayRuleError('access_not_allowed', `${what} needs the master token; it was called with a user token.`);
  }
};

const userOnly = (ctx: ExecContext, what: string): string => {
  if (ctx.caller.kind !== 'user') {
    throw new TrayRuleError('access_not_allowed', `${what} needs a user token (from authorize); it was called with the master token.`);
  }
  return ctx.caller.userId;
};

const encodeCursor = (kind: string, id: string) => btoa(`${kind}:${id}`).replace(/=+$/, '');

function decodeCursor(kind: string, cursor: string, argName: string): string {
  let text = '';
  try {
    text = atob(cursor);
  } catch {
    /* reported below */
  }
  if (!text.startsWith(`${kind}:`)) {
    throw new TrayRuleError('invalid_value', `"${argName}" is not a cursor of this connection; pass an endCursor or startCursor it returned.`, 'GraphQLError');
  }
  return text.slice(kind.length + 1);
}

/** Relay cursor pagination over `items` (already filtered and ordered). */
function paginate<T>(kind: string, items: T[], idOf: (t: T) => string, args: PageArgs) {
  for (const name of ['first', 'last'] as const) {
    const n = args[name];
    if (n != null && n < 0) throw new TrayRuleError('invalid_value', `"${name}" must be zero or more, got ${n}.`, 'GraphQLError');
  }
  let start = 0;
  let end = items.length;
  const position = (cursor: string, argName: string) => {
    const id = decodeCursor(kind, cursor, argName);
    const at = items.findIndex((t) => idOf(t) === id);
    if (at < 0) throw new TrayRuleError('invalid_value', `The "${argName}" cursor points at an item that no longer exists; start again without it.`, 'GraphQLError');
    return at;
  };
  if (args.after) start = position(args.after, 'after') + 1;
  if (args.before) end = Math.min(end, position(args.before, 'before'));
  if (end < start) end = start;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const page = items.slice(start, end);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(kind, idOf(node)) }));
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
    },
    totalCount: items.length,
  };
}

function solutionView(ctx: ExecContext, id: string) {
  const s = ctx.store.solution(id);
  return {
    id: s.id,
    title: s.title,
    description: s.description ?? null,
    tags: s.tags ?? [],
    customFields: s.customFields ?? [],
    configSlots: (s.configSlots ?? []).map(({ externalId, title, defaultValue }) => ({ externalId, title, defaultValue })),
    authSlots: (s.authSlots ?? []).map(({ externalId, title }) => ({ externalId, title })),
  };
}

function instanceView(ctx: ExecContext, i: InstanceRecord) {
  return {
    id: i.id,
    solution: () => solutionView(ctx, i.solutionId),
    name: i.name,
    enabled: i.enabled,
    authValues: i.authValues.map(({ externalId, authId }) => ({ externalId, authId })),
    configValues: i.configValues.map(({ externalId, value }) => ({ externalId, value })),
    workflows: {
      edges: i.workflows.map((w) => ({ node: { ...w, triggerUrl: `${ctx.apiOrigin}/triggers/${w.id}` } })),
    },
    solutionVersionFlags: { ...i.flags },
    created: new Date(i.created).toISOString(),
    owner: i.owner,
  };
}

function authenticationView(a: AuthenticationRecord) {
  const { id, name, title, icon, version } = a.service;
  return {
    id: a.id,
    name: a.name,
    customFields: null,
    service: { id, name, title, icon, version },
    serviceEnvironment: { id: `${a.service.id}-production`, title: 'Production' },
  };
}

const viewer = (ctx: ExecContext) => ({
  solutions: (args: PageArgs & { criteria?: { tags?: string[] | null } | null }) => {
    const tags = args.criteria?.tags ?? [];
    // A solution matches when it carries every requested tag (our reading; see README).
    const items = ctx.store.solutions.filter((s) => tags.every((t) => (s.tags ?? []).includes(t)));
    const page = paginate('solution', items, (s) => s.id, args);
    return { edges: page.edges.map((e) => ({ cursor: e.cursor, node: solutionView(ctx, e.node.id) })), pageInfo: page.pageInfo };
  },
  solutionInstances: (args: PageArgs & { criteria?: { id?: string | null; name?: string | null; owner?: string | null; solutionId?: string | null } | null }) => {
    const c = args.criteria ?? {};
    let items = [...ctx.store.instances.values()];
    if (ctx.caller.kind === 'user') {
      if (c.owner != null) {
        throw new TrayRuleError('access_not_allowed', 'solutionInstances(criteria: {owner}) needs the master token; a user token only ever lists its own instances.');
      }
      const userId = ctx.caller.userId;
      items = items.filter((i) => i.owner === userId);
    }
    items = items.filter(
      (i) =>
        (c.id == null || i.id === c.id) &&
        (c.name == null || i.name === c.name) &&
        (c.owner == null || i.owner === c.owner) &&
        (c.solutionId == null || i.solutionId === c.solutionId),
    );
    const page = paginate('instance', items, (i) => i.id, args);
    return {
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: instanceView(ctx, e.node) })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
    };
  },
  authentications: () => {
    // Tray's API reference ("Get user authentications (user/master token)"):
    // a user token lists that end user's auths; the master token lists the
    // partner organisation's own auths and none of its end users'. The
    // emulator holds end users' auths only, so the master sees none.
    const userId = ctx.caller.kind === 'user' ? ctx.caller.userId : null;
    const items = [...ctx.store.authentications.values()].filter((a) => a.userId === userId);
    const page = paginate('authentication', items, (a) => a.id, {});
    return { edges: page.edges.map((e) => ({ cursor: e.cursor, node: authenticationView(e.node) })), pageInfo: page.pageInfo };
  },
  details: () => {
    if (ctx.caller.kind === 'master') return { username: 'partner', email: null, name: 'Emulator partner' };
    const user = ctx.store.requireUser(ctx.caller.userId);
    return { username: user.externalUserId, email: null, name: user.name };
  },
});

type Input<T> = { input: T & { clientMutationId?: string | null } };

const rootValue = (ctx: ExecContext) => ({
  viewer: () => viewer(ctx),
  users: (args: PageArgs & { criteria?: { externalUserId?: string | null; name?: string | null; userId?: string | null } | null }) => {
    masterOnly(ctx, 'users');
    const c = args.criteria ?? {};
    const items = [...ctx.store.users.values()].filter(
      (u) => (c.externalUserId == null || u.externalUserId === c.externalUserId) && (c.name == null || u.name === c.name) && (c.userId == null || u.id === c.userId),
    );
    const page = paginate('user', items, (u) => u.id, args);
    return { edges: page.edges.map((e) => ({ cursor: e.cursor, node: { ...e.node } })), pageInfo: page.pageInfo };
  },
  createSolutionInstance: ({ input }: Input<{ solutionId: string; instanceName: string; authValues?: AuthValueInput[] | null; configValues?: ConfigValueInput[] | null }>) => {
    const userId = userOnly(ctx, 'createSolutionInstance');
    const instance = ctx.store.createInstance(userId, input);
    return { solutionInstance: instanceView(ctx, instance), clientMutationId: input.clientMutationId ?? null };
  },
  updateSolutionInstance: ({ input }: Input<Parameters<Store['updateInstance']>[1]>) => {
    const userId = userOnly(ctx, 'updateSolutionInstance');
    const instance = ctx.store.updateInstance(userId, input, ctx.enableDelayMs);
    return { solutionInstance: instanceView(ctx, instance), clientMutationId: input.clientMutationId ?? null };
  },
  upgradeSolutionInstance: ({ input }: Input<Parameters<Store['upgradeInstance']>[1]>) => {
    const userId = userOnly(ctx, 'upgradeSolutionInstance');
    const instance = ctx.store.upgradeInstance(userId, input);
    return { solutionInstance: instanceView(ctx, instance), clientMutationId: input.clientMutationId ?? null };
  },
  removeSolutionInstance: ({ input }: Input<{ solutionInstanceId: string }>) => {
    const userId = userOnly(ctx, 'removeSolutionInstance');
    ctx.store.removeInstance(userId, input.solutionInstanceId);
    return { clientMutationId: input.clientMutationId ?? null };
  },
  createExternalUser: ({ input }: Input<{ name: string; externalUserId: string }>) => {
    masterOnly(ctx, 'createExternalUser');
    const user = ctx.store.createUser(input.name, input.externalUserId);
    return { userId: user.id, clientMutationId: input.clientMutationId ?? null };
  },
  removeExternalUser: ({ input }: Input<{ userId: string }>) => {
    masterOnly(ctx, 'removeExternalUser');
    ctx.store.removeUser(input.userId);
    return { clientMutationId: input.clientMutationId ?? null };
  },
  authorize: ({ input }: Input<{ userId: string }>) => {
    masterOnly(ctx, 'authorize');
    return { accessToken: ctx.store.issueToken(input.userId), clientMutationId: input.clientMutationId ?? null };
  },
  generateAuthorizationCode: ({ input }: Input<{ userId: string }>) => {
    masterOnly(ctx, 'generateAuthorizationCode');
    return { authorizationCode: ctx.store.issueCode(input.userId), clientMutationId: input.clientMutationId ?? null };
  },
  removeAuthentication: ({ input }: Input<{ authenticationId: string }>) => {
    // Tray's API reference ("Delete User Auth (user/master token)"): a user
    // removes one of their own auths, the master token any. Tray documents no
    // refusal of an auth that instances still use, so none here: keeping an
    // auth that is in use is the widget's rule, not Tray's.
    ctx.store.removeAuthentication(ctx.caller.kind === 'user' ? ctx.caller.userId : null, input.authenticationId);
    return { clientMutationId: input.clientMutationId ?? null };
  },
});

export interface ParsedRequest {
  document: DocumentNode;
  operationName: string | null;
  rootFields: string[];
  variables: Record<string, unknown> | undefined;
}

/** Parses and validates a request body; returns errors (HTTP 400) when it cannot run. */
export function prepare(body: unknown): ParsedRequest | { errors: TrayGraphQLError[] } {
  const fail = (message: string) => ({ errors: [{ message, extensions: { name: 'GraphQLError' } }] });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('The request body must be a JSON object {query, variables?, operationName?}.');
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || !query.trim()) return fail('The request body has no "query" string.');
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return fail('"variables" must be a JSON object.');
  if (operationName != null && typeof operationName !== 'string') return fail('"operationName" must be a string.');
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [formatError(error as GraphQLError)] };
  }
  const problems = validate(traySchema(), document);
  if (problems.length) return { errors: problems.map(formatError) };
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!op) {
    return fail(operationName ? `Unknown operation named "${operationName}".` : 'The document has several operations; say which one to run with "operationName".');
  }
  const rootFields = op.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
  return {
    document,
    operationName: op.name?.value ?? null,
    rootFields,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
  };
}

export async function run(req: ParsedRequest, ctx: ExecContext): Promise<GraphQLBody> {
  const result = await execute({
    schema: traySchema(),
    document: req.document,
    variableValues: req.variables,
    operationName: req.operationName ?? undefined,
    rootValue: rootValue(ctx),
  });
  const body: GraphQLBody = { data: result.data ?? null };
  if (result.errors?.length) body.errors = result.errors.map(formatError);
  return body;
}

function formatError(error: GraphQLError): TrayGraphQLError {
  let message = error.message;
  let extensions: TrayGraphQLError['extensions'] = { name: 'GraphQLError' };
  const original = error.originalError;
  if (original instanceof TrayRuleError) {
    extensions = { name: original.trayName, code: original.code };
  } else if (original && !(original instanceof GraphQLError)) {
    // A bug in the emulator: say so like Tray's InternalError, with an id to look up.
    message = `Internal error: ${original.message}`;
    extensions = { name: 'InternalError', errorId: crypto.randomUUID() };
  }
  // Key order as Tray sends it: message, locations, path, extensions.
  const out: TrayGraphQLError = { message } as TrayGraphQLError;
  if (error.locations) out.locations = error.locations.map(({ line, column }) => ({ line, column }));
  if (error.path) out.path = [...error.path];
  out.extensions = extensions;
  return out;
}
