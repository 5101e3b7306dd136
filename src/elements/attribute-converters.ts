/**
 * How a list attribute reads as a property value, where Lit's defaults do
 * not fit (`tags`).
 */

/** `tags="crm, messaging"` → `['crm', 'messaging']`; spaces around commas and empty entries go. */
export const tagList = {
  fromAttribute: (value: string | null) =>
    value
      ?.split(',')
      .map((tag) => tag.trim())
      .filter(Boolean) ?? [],
  toAttribute: (value: string[] | undefined) => value?.join(','),
};
