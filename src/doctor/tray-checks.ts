/**
 * The doctor's checks against Tray's GraphQL API: it answers, the master
 * token is accepted, and what the solutions need. Through the server's own
 * Tray client (TrayAdmin) and graphql-request, with reads only: the doctor
 * never creates anything in the partner's account.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import { solutionImage } from '../elements/solution-image.ts';
import { isRateLimited, isTokenRefused, type GraphQLErrorBody } from '../services/errors.ts';
import { MARKETPLACE } from '../services/marketplace-document.ts';
import type { Solution } from '../services/types.ts';
import { DEFAULT_MASTER_TOKEN_RATE } from '../server/options.ts';
import { memoryStore } from '../server/store.ts';
import { TrayAdmin, TrayServerError } from '../server/tray-admin.ts';
import { probe, whyNoAnswer, type Reach } from './reach.ts';
import { fail, listed, ok, oneLine, warn, type CheckResult } from './result.ts';

/** An external user id no host uses: looking it up proves the token without touching anyone. */
const PROBE_USER = 'tray-integrations-doctor-probe';

const FIX_TOKEN =
  'copy the master token again from your Tray account (Embedded settings) into --master-token or TRAY_MASTER_TOKEN; a token works only in its own region, so check --region too';

/** Any GraphQL answer, even a refusal, shows that the URL is a GraphQL API. */
export async function checkEndpoint(reach: Reach, endpoint: string): Promise<CheckResult> {
  const answer = await probe(reach, endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  if ('noAnswer' in answer) {
    return fail('endpoint', `No answer from ${endpoint}: ${answer.noAnswer}. Check --region (or --endpoint) and that this machine can reach Tray.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(await answer.text());
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || !('data' in body || 'errors' in body)) {
    return fail('endpoint', `${endpoint} answers, but not as a GraphQL API: check --endpoint (Tray's ends in /graphql), or leave it out and pass --region.`);
  }
  return ok('endpoint', `${endpoint} answers as a GraphQL API.`);
}

/** A user lookup with the master token: accepted or refused, nothing created. */
export async function checkMasterToken(reach: Reach, endpoint: string, masterToken: string): Promise<CheckResult> {
  const admin = new TrayAdmin({
    endpoint,
    masterToken,
    fetch: reach.fetch,
    timeoutMs: reach.timeoutMs,
    store: memoryStore(),
    pacing: DEFAULT_MASTER_TOKEN_RATE,
  });
  try {
    await admin.findUser(PROBE_USER);
    return ok('master-token', 'Master token accepted (checked with a user lookup; nothing was created).');
  } catch (error) {
    if (!(error instanceof TrayServerError)) throw error;
    switch (error.code) {
      case 'master-token-rejected':
        return fail('master-token', `Tray refused the master token: ${FIX_TOKEN}.`);
      case 'rate-limited':
      case 'busy':
        return fail('master-token', "Not checked: Tray's rate limit was reached; run the doctor again in a few seconds.");
      case 'timeout':
      case 'network':
        return fail('master-token', `Not checked: Tray did not answer the user lookup (${oneLine(error.message)}); run the doctor again.`);
      case 'tray-error':
        return fail('master-token', `Tray refused the user lookup: ${oneLine(error.message)} Check the master token and --region.`);
      default:
        return fail('master-token', 'Tray answered the user lookup with something unexpected: check that --endpoint is Tray\'s GraphQL API.');
    }
  }
}

interface SolutionsPage {
  viewer?: { solutions?: { edges?: Array<{ node?: Solution }>; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } };
}

/** Every solution the account publishes, with the widget's own Marketplace query, page by page. */
async function listSolutions(reach: Reach, endpoint: string, masterToken: string): Promise<Solution[] | string> {
  const client = new GraphQLClient(endpoint, { headers: { authorization: `Bearer ${masterToken}` }, errorPolicy: 'all', fetch: reach.fetch });
  const solutions: Solution[] = [];
  let after: string | null = null;
  // A bound on pages, so a connection that never ends cannot keep the doctor running.
  for (let page = 0; page < 50; page++) {
    let status = 200;
    let data: SolutionsPage | undefined;
    let errors: GraphQLErrorBody[] | undefined;
    try {
      const result: Awaited<ReturnType<typeof client.rawRequest<SolutionsPage>>> = await client.rawRequest<SolutionsPage>({
        query: MARKETPLACE,
        variables: { first: 100, solutionsAfter: after, withSolutions: true, withInstances: false, withAuthentications: false },
        signal: AbortSignal.timeout(reach.timeoutMs),
      });
      ({ status, data } = result);
      errors = result.errors as GraphQLErrorBody[] | undefined;
    } catch (error) {
      if (!(error instanceof ClientError)) return `Tray did not answer the solutions query (${whyNoAnswer(error, reach.timeoutMs)}); run the doctor again.`;
      status = error.response.status;
      errors = error.response.errors as GraphQLErrorBody[] | undefined;
    }
    const first = errors?.[0];
    const message = typeof first?.message === 'string' ? first.message : '';
    if (isRateLimited(status, message)) return "Tray's rate limit was reached while listing the solutions; run the doctor again in a few seconds.";
    if (isTokenRefused(status, typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined)) return `Tray refused the master token for the solutions query: ${FIX_TOKEN}.`;
    if (first) return `Tray refused the solutions query: ${oneLine(message)}`;
    const connection: NonNullable<SolutionsPage['viewer']>['solutions'] = data?.viewer?.solutions;
    if (!connection || !Array.isArray(connection.edges)) return 'Tray answered the solutions query with data of an unexpected shape.';
    for (const edge of connection.edges) if (edge?.node) solutions.push(edge.node);
    if (!connection.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return solutions;
}

/** How many, which are auth-only, which open the configuration wizard, which have no picture. */
export async function checkSolutions(reach: Reach, endpoint: string, masterToken: string): Promise<CheckResult> {
  const listing = await listSolutions(reach, endpoint, masterToken);
  if (typeof listing === 'string') return fail('solutions', listing);
  if (listing.length === 0) {
    return fail('solutions', 'No solutions: the marketplace would be empty. Publish at least one solution in Tray for this account.');
  }
  const authOnly = listing.filter((solution) => solution.configSlots.length === 0).map((solution) => solution.title);
  const wizard = listing.filter((solution) => solution.configSlots.length > 0).map((solution) => solution.title);
  const noPicture = listing.filter((solution) => solutionImage(solution) === null).map((solution) => solution.title);
  const parts = [
    `${listing.length} solution${listing.length === 1 ? '' : 's'}`,
    authOnly.length ? `${authOnly.length} auth-only (${listed(authOnly)})` : 'none auth-only',
    wizard.length
      ? `${wizard.length} need${wizard.length === 1 ? 's' : ''} the configuration wizard, unless your page's resolveConfig supplies their settings (${listed(wizard)})`
      : 'none needs the configuration wizard',
  ];
  if (noPicture.length) {
    return warn(
      'solutions',
      `${parts.join('; ')}; ${noPicture.length} without a picture (${listed(noPicture)}): give each an "image" custom field holding an https: or data:image URL.`,
    );
  }
  return ok('solutions', `${parts.join('; ')}; every one has a picture.`);
}
