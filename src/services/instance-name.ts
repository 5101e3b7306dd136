/**
 * The name a new integration gets in Tray: the solution's title, cut to at
 * most 100 characters (whole code points, so no emoji is split). A partner's
 * title can be any length, and the whole of it would make the request too
 * large for the host's endpoint to accept, so Connect would fail.
 */
export const INSTANCE_NAME_MAX_CHARACTERS = 100;

export function instanceNameFor(title: string): string {
  const characters = Array.from(title);
  return characters.length <= INSTANCE_NAME_MAX_CHARACTERS ? title : characters.slice(0, INSTANCE_NAME_MAX_CHARACTERS).join('').trimEnd();
}
