/**
 * What an auth id looks like: Tray's are opaque tokens of letters, digits,
 * `-` and `_`. An id read from a dialog's message or from storage is used
 * only if it fits, so nothing else reaches a request.
 */
export const AUTH_ID = /^[\w-]{1,200}$/;
