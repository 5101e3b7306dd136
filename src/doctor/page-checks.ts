/**
 * The host page's response headers, as a browser would apply them to the
 * widget: Cross-Origin-Opener-Policy (which can cut the Tray dialog off from
 * the page) and Content-Security-Policy (which can block the widget's
 * script, its calls to the host's endpoints, or its popup).
 */
import { allowsConnect, allowsScript, parsePolicies, sandboxMissing, type Policy } from './csp.ts';
import { readWidgetMarkup, type WidgetMarkup } from './page-markup.ts';
import { errorAnswer, probe, type Reach } from './reach.ts';
import { fail, ok, warn, type CheckResult } from './result.ts';

const COOP_FIX =
  'Cross-Origin-Opener-Policy: same-origin on the page cuts the Tray dialog off from it, so the dialog cannot report back and the widget has to recover by re-reading Tray; send Cross-Origin-Opener-Policy: same-origin-allow-popups instead (or none)';

export function checkCoop(headers: Headers): CheckResult {
  const value = headers.get('cross-origin-opener-policy');
  // A structured header: the policy, then parameters such as report-to.
  const policy = value?.split(';')[0]?.trim().toLowerCase();
  if (policy === 'same-origin') return warn('page-coop', `${COOP_FIX}.`);
  if (!policy) return ok('page-coop', 'No Cross-Origin-Opener-Policy: the Tray dialog can report back to the page.');
  return ok('page-coop', `Cross-Origin-Opener-Policy: ${policy} keeps the Tray dialog connected to the page.`);
}

/**
 * The change that lets `url` through: its origin added to the deciding
 * directive, or, when that is default-src, a directive of the request's own
 * kind holding default-src's sources and the origin (adding to default-src
 * would open every other kind of request to it).
 */
function fixFor(policy: Policy, directive: string | null, kind: string, url: URL): string {
  if (directive === 'default-src') {
    const sources = (policy.get('default-src') ?? []).filter((source) => source.toLowerCase() !== "'none'");
    return `add the directive ${kind} ${[...sources, url.origin].join(' ')}`;
  }
  return `add ${url.origin} to ${directive}`;
}

function scriptCheck(policies: readonly Policy[], markup: WidgetMarkup, page: URL): CheckResult {
  const bundle = markup.bundle?.url ?? page;
  const where = markup.bundle ? `the widget's script ${bundle.href}` : `the widget's script (assumed on the page's own origin ${page.origin}: no script tag in the page's HTML names tray-integrations)`;
  for (const policy of policies) {
    const verdict = allowsScript(policy, bundle, page, markup.bundle?.nonce);
    if (verdict.allowed) continue;
    const strict = (policy.get(verdict.directive ?? '') ?? []).some((source) => source.toLowerCase() === "'strict-dynamic'");
    const fix = strict
      ? `the policy uses 'strict-dynamic', so give the widget's script tag the page's nonce`
      : fixFor(policy, verdict.directive, 'script-src', bundle);
    return fail('page-csp-script', `Content-Security-Policy (${verdict.directive}) blocks ${where}: ${fix}.`);
  }
  return ok('page-csp-script', `Content-Security-Policy allows ${where}.`);
}

function endpointsCheck(policies: readonly Policy[], markup: WidgetMarkup, page: URL): CheckResult {
  const which = markup.elementFound ? "the widget's endpoints" : "the widget's default endpoints (no <tray-integrations> tag in the page's HTML)";
  for (const policy of policies) {
    for (const endpoint of markup.endpoints) {
      const verdict = allowsConnect(policy, endpoint, page);
      if (!verdict.allowed) {
        return fail('page-csp-connect', `Content-Security-Policy (${verdict.directive}) blocks ${which} at ${endpoint.href}: ${fixFor(policy, verdict.directive, 'connect-src', endpoint)}.`);
      }
    }
  }
  return ok('page-csp-connect', `Content-Security-Policy allows ${which} (${[...new Set(markup.endpoints.map((url) => url.origin))].join(', ')}).`);
}

function popupCheck(policies: readonly Policy[], dialogOrigin: string): CheckResult {
  for (const policy of policies) {
    const missing = sandboxMissing(policy);
    if (missing.length) {
      return fail(
        'page-csp-popups',
        `Content-Security-Policy's sandbox keeps the widget from opening the Tray dialog at ${dialogOrigin}: add ${missing.join(' ')} to sandbox, or drop the sandbox directive.`,
      );
    }
  }
  return ok('page-csp-popups', `Content-Security-Policy lets the widget open the Tray dialog at ${dialogOrigin} (only a sandbox directive could stop it).`);
}

export async function checkPage(reach: Reach, pageUrl: string, dialogOrigin: string): Promise<CheckResult[]> {
  let page: URL;
  try {
    page = new URL(pageUrl);
    if (page.protocol !== 'https:' && page.protocol !== 'http:') throw new Error('not http');
  } catch {
    return [fail('page', `--page "${pageUrl}" is not an http(s) URL: pass the address of the page that shows the widget.`)];
  }
  const answer = await probe(reach, page.href, { headers: { accept: 'text/html' } });
  if ('noAnswer' in answer) return [fail('page', `No answer from the page ${page.href}: ${answer.noAnswer}.`)];
  const html = await answer.text();
  const final = new URL(answer.url || page.href);
  const results: CheckResult[] = [];
  if (final.href !== page.href) {
    results.push(warn('page', `The page sent the doctor on to ${final.href} (a sign-in?): the headers checked are that page's; pass a page that answers without a sign-in, or check the widget's page's headers by hand.`));
  } else if (!answer.ok) {
    results.push(warn('page', `The page ${errorAnswer(answer.status)}: the headers checked are those of that answer.`));
  } else {
    results.push(ok('page', `The page ${page.href} answers.`));
  }
  results.push(checkCoop(answer.headers));

  const markup = readWidgetMarkup(html, final);
  const fromHeaders = parsePolicies(answer.headers.get('content-security-policy'));
  // A <meta> policy applies too, except its sandbox, which browsers ignore there.
  const enforced = [...fromHeaders, ...markup.metaPolicies.flatMap((text) => parsePolicies(text))];
  if (enforced.length === 0) {
    results.push(ok('page-csp', "No Content-Security-Policy: nothing blocks the widget's script, its calls or the Tray dialog."));
  } else {
    results.push(scriptCheck(enforced, markup, final), endpointsCheck(enforced, markup, final), popupCheck(fromHeaders, dialogOrigin));
  }
  const reportOnly = parsePolicies(answer.headers.get('content-security-policy-report-only'));
  if (reportOnly.length) {
    const wouldFail = [scriptCheck(reportOnly, markup, final), endpointsCheck(reportOnly, markup, final)].filter((result) => result.status === 'fail');
    results.push(
      wouldFail.length
        ? warn('page-csp-report-only', `Content-Security-Policy-Report-Only would block the widget once enforced: ${wouldFail.map((result) => result.message).join(' ')}`)
        : ok('page-csp-report-only', 'Content-Security-Policy-Report-Only would not block the widget.'),
    );
  }
  return results;
}
