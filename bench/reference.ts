/**
 * The reference app's requests for each journey, counted by reading its code
 * as Tray's auth-only dialog walkthrough quotes it
 * (Tray's documentation, "Auth-only dialog experience";
 * trayio/nextjs-marketplace-app at e6a1882). Nothing here is measured: it is the count the cited code
 * implies. `reload` is the `reload && reload()` callback the app's helpers
 * call when done; the walkthrough does not show it, and it re-fetches the
 * instance list (one more host call and one more Tray query) if the caller
 * passes it, so it is counted apart.
 */
export interface ReferenceCall {
  /** What is called: a host route, or a Tray operation. */
  call: string;
  /** The function in the reference app that makes the call. */
  by: string;
  /** True when the walkthrough does not show the code and the call is our reading. */
  inferred?: boolean;
}

export interface ReferenceJourney {
  host: ReferenceCall[];
  tray: ReferenceCall[];
  /** One more host call and one more Tray query when the caller passes `reload`. */
  reload: boolean;
  note?: string;
}

const getUser = { call: 'users (getUser)', by: 'validateJsonWebToken → queries.getUser, utils/security.js#L26, utils/graphql.js#L171' };
const authorize = { call: 'authorize (createUserToken)', by: 'pages/api/jwt.js handler → mutations.createUserToken, utils/graphql.js#L206' };
const solutions = { call: 'viewer.solutions', by: 'pages/api/solutions.js → queries.solutions, utils/graphql.js#L17' };
const instances = { call: 'viewer.solutionInstances', by: 'pages/api/instances.js → queries.solutionInstances, utils/graphql.js#L86' };
const loadRoutes: ReferenceCall[] = [
  { call: 'GET /api/jwt?jwt=…', by: 'useJWT, utils/hooks.js#L57' },
  { call: 'GET /api/solutions?token=…', by: 'pages/api/solutions.js handler' },
  { call: 'GET /api/instances?token=…', by: 'pages/api/instances.js handler' },
];

export const REFERENCE: Record<string, ReferenceJourney> = {
  'first load (new user)': {
    host: loadRoutes,
    tray: [
      getUser,
      { call: 'createExternalUser (createUser)', by: 'pages/api/jwt.js handler → mutations.createUser, utils/graphql.js#L193' },
      { call: 'users (getUser, again)', by: 'pages/api/jwt.js handler → queries.getUser' },
      authorize,
      solutions,
      instances,
    ],
    reload: false,
    note: 'queries.solutions and queries.solutionInstances read one page only (no pagination), so the count stays the same however many solutions there are, and more than a page is never shown.',
  },
  'first load (existing user)': {
    host: loadRoutes,
    tray: [getUser, authorize, solutions, instances],
    reload: false,
    note: 'Every page load repeats /api/jwt: the app caches neither the user id nor the token.',
  },
  'page reload (same user)': {
    host: loadRoutes,
    tray: [getUser, authorize, solutions, instances],
    reload: false,
  },
  'connect + authorize 1 service + enable': {
    host: [
      { call: 'POST /api/create-instance', by: 'connectSolution, utils/tray.js#L17' },
      { call: 'GET /api/code?jwt=…', by: 'connectSolution, utils/tray.js#L17' },
      { call: 'attach the auth (a route calling updateSolutionInstance)', by: 'walkthrough step 3 "Update Solution Instance with Authorization"; no sample route shown', inferred: true },
      { call: 'POST /api/toggle-instance', by: 'toggleInstance, utils/tray.js#L95 (called by connectSolution unless disableautoenable)' },
    ],
    tray: [
      { call: 'createSolutionInstance', by: 'pages/api/create-instance.js → mutations.createSolutionInstance, utils/graphql.js#L230' },
      { call: 'users (getUser)', by: '/api/code takes the jwt, so it must find the user as /api/jwt does (validateJsonWebToken); handler not shown', inferred: true },
      { call: 'generateAuthorizationCode', by: '/api/code (walkthrough step 1 "Create authorization code")' },
      { call: 'updateSolutionInstance (authValues)', by: 'walkthrough step 3' },
      { call: 'updateSolutionInstance (enabled)', by: 'pages/api/toggle-instance.js → mutations.toggleSolutionInstance, utils/graphql.js#L275' },
    ],
    reload: true,
  },
  disable: {
    host: [{ call: 'POST /api/toggle-instance', by: 'toggleInstance, utils/tray.js#L95' }],
    tray: [{ call: 'updateSolutionInstance (enabled: false)', by: 'mutations.toggleSolutionInstance, utils/graphql.js#L275' }],
    reload: true,
  },
  delete: {
    host: [{ call: 'POST /api/delete-instance', by: 'disconnectSolution, utils/tray.js#L83' }],
    tray: [{ call: 'removeSolutionInstance', by: 'pages/api/delete-instance.js → mutations.deleteSolutionInstance, utils/graphql.js#L263' }],
    reload: true,
  },
};

/** "4 (+1 reload)" or "3". */
export function referenceCount(journey: ReferenceJourney, side: 'host' | 'tray'): string {
  const n = journey[side].length;
  return journey.reload ? `${n} (+1 reload)` : String(n);
}
