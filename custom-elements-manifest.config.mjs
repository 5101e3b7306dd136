// Custom Elements Manifest analyzer settings: `custom-elements.json` is
// generated from the elements' JSDoc (@summary, @event, @slot, @csspart,
// @cssproperty) by `npm run build`, which writes it to dist/.

const toDist = (path) =>
  typeof path === 'string' && /^\/?src\//.test(path) ? path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js') : path;

function walk(node, visit) {
  if (Array.isArray(node)) node.forEach((item) => walk(item, visit));
  else if (node && typeof node === 'object') {
    visit(node);
    Object.values(node).forEach((value) => walk(value, visit));
  }
}

/**
 * Fixes to what the analyzer records:
 * - paths name the files a consumer imports (dist/*.js), not our sources;
 * - `customElements.define(TAG, …)` with `const TAG = 'tray-integrations'`
 *   gives the tag itself, not the constant's name;
 * - private reactive state (`static properties` with `state: true`) has no
 *   attribute, whatever the analyzer guesses;
 * - events are the documented `@event`s; the analyzer also guesses names from
 *   `dispatchEvent(new X(...))` calls, wrongly when the name is in X itself;
 * - a module of types alone (nothing declared or exported that runs) has no
 *   built file, so it is not listed.
 */
function tidyManifest() {
  return {
    name: 'tray-tidy-manifest',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((m) => m.declarations?.length || m.exports?.length);
      const constants = new Map();
      walk(customElementsManifest.modules, (node) => {
        if (node.kind === 'variable' && /^(['"]).*\1$/.test(node.default ?? '')) constants.set(node.name, node.default.slice(1, -1));
      });
      walk(customElementsManifest.modules, (node) => {
        for (const key of ['path', 'module']) if (typeof node[key] === 'string') node[key] = toDist(node[key]);
        if (node.kind === 'custom-element-definition' && constants.has(node.name)) node.name = constants.get(node.name);
        if (node.customElement && constants.has(node.tagName)) node.tagName = constants.get(node.tagName);
        if (node.customElement && Array.isArray(node.members)) {
          const hidden = new Set(node.members.filter((m) => m.privacy === 'private' || m.name.startsWith('_')).map((m) => m.name));
          for (const member of node.members) if (hidden.has(member.name)) delete member.attribute;
          if (node.attributes) node.attributes = node.attributes.filter((a) => !hidden.has(a.fieldName));
          if (node.events) node.events = node.events.filter((e) => e.description && e.name);
        }
      });
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/events.ts', 'src/define.ts'],
  // The catalogue pieces are the inside of the search chunk the element
  // imports lazily: nothing in them is the element's API.
  // The built-in languages and the accounts view's English are tables of
  // words, loaded as chunks: nothing in them is the element's API.
  exclude: [
    '**/*.test.ts',
    '**/*.d.ts',
    'src/elements/catalog-*.ts',
    'src/elements/reveal-controller.ts',
    'src/elements/translations/*.ts',
    'src/elements/accounts/account-messages.ts',
  ],
  outdir: 'dist',
  litelement: true,
  // package.json's `customElements` field is maintained by hand.
  packagejson: false,
  plugins: [tidyManifest()],
};
