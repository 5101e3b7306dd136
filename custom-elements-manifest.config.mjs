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
 * Two fixes to what the analyzer records:
 * - paths name the files a consumer imports (dist/*.js), not our sources;
 * - `customElements.define(TAG, …)` with `const TAG = 'tray-integrations'`
 *   gives the tag itself, not the constant's name.
 */
function tidyManifest() {
  return {
    name: 'tray-tidy-manifest',
    packageLinkPhase({ customElementsManifest }) {
      const constants = new Map();
      walk(customElementsManifest.modules, (node) => {
        if (node.kind === 'variable' && /^(['"]).*\1$/.test(node.default ?? '')) constants.set(node.name, node.default.slice(1, -1));
      });
      walk(customElementsManifest.modules, (node) => {
        for (const key of ['path', 'module']) if (typeof node[key] === 'string') node[key] = toDist(node[key]);
        if (node.kind === 'custom-element-definition' && constants.has(node.name)) node.name = constants.get(node.name);
        if (node.customElement && constants.has(node.tagName)) node.tagName = constants.get(node.tagName);
      });
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/events.ts', 'src/define.ts'],
  exclude: ['**/*.test.ts', '**/*.d.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json's `customElements` field is maintained by hand.
  packagejson: false,
  plugins: [tidyManifest()],
};
