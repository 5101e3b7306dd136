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
 * The origin the auth dialog is served from: a white-label or emulator
 * origin when given, otherwise the region's. Only the origin of an override
 * counts, and it must be http(s).
 */
export function resolveDialogOrigin(region?: string | null, override?: string | null): string {
  if (!override) return regionInfo(region).dialogOrigin;
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new TrayError('invalid-config', `dialogOrigin "${override}" is not an absolute URL such as https://embedded.example.com.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TrayError('invalid-config', `dialogOrigin must be an http(s) origin, not "${url.protocol}".`);
  }
  return url.origin;
}
