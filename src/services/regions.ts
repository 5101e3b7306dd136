import { TrayError } from './errors.ts';

/** Tray's regions: the one place their endpoints and dialog origins live. */
export const REGIONS = {
  us: { graphqlEndpoint: 'https://tray.io/graphql', dialogOrigin: 'https://embedded.tray.io' },
  eu: { graphqlEndpoint: 'https://eu1.tray.io/graphql', dialogOrigin: 'https://embedded.eu1.tray.io' },
  ap: { graphqlEndpoint: 'https://ap1.tray.io/graphql', dialogOrigin: 'https://embedded.ap1.tray.io' },
} as const;

export type Region = keyof typeof REGIONS;

export const DEFAULT_REGION: Region = 'us';

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && Object.hasOwn(REGIONS, value);
}

/** The region's table entry; a wrong name says which ones exist. */
export function regionInfo(region: string | null | undefined = DEFAULT_REGION): (typeof REGIONS)[Region] {
  const name = region || DEFAULT_REGION;
  if (!isRegion(name)) {
    throw new TrayError('invalid-config', `Unknown region "${name}": use one of ${Object.keys(REGIONS).join(', ')}.`);
  }
  return REGIONS[name];
}

/**
 * `value` as an absolute http(s) URL, or an `invalid-config` error naming
 * the setting (`name`) and showing a good value (`example`). The one check
 * for every URL a host configures (dialog origin, Tray endpoint).
 */
export function parseHttpUrl(value: string, name: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TrayError('invalid-config', `${name} "${value}" is not an absolute URL such as ${example}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TrayError('invalid-config', `${name} must be an http(s) URL such as ${example}, not "${url.protocol}".`);
  }
  return url;
}

/**
 * The origin the auth dialog is served from: a white-label or emulator
 * origin when given, otherwise the region's. Only the origin of an override
 * counts.
 */
export function resolveDialogOrigin(region?: string | null, override?: string | null): string {
  if (!override) return regionInfo(region).dialogOrigin;
  return parseHttpUrl(override, 'dialogOrigin', 'https://embedded.example.com').origin;
}

/** The Tray GraphQL endpoint a server calls: an explicit URL (emulator, proxy), otherwise the region's. */
export function trayGraphqlEndpoint(region?: string | null, override?: string | null): string {
  if (!override) return regionInfo(region).graphqlEndpoint;
  return parseHttpUrl(override, 'endpoint', 'https://tray.io/graphql').href;
}
