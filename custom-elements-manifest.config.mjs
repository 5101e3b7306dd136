// Custom Elements Manifest analyzer settings: `custom-elements.json` is
// generated from the elements' JSDoc (@summary, @event, @slot, @csspart,
// @cssproperty) by `npm run build`, which writes it to dist/.

/** Manifest paths name the files a consumer imports (dist/*.js), not our sources. */
function distPaths() {
  const toDist = (path) =>
    typeof path === 'string' && path.startsWith('src/') ? path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js') : path;
  const rewrite = (node) => {
    if (Array.isArray(node)) node.forEach(rewrite);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = toDist(value);
        else rewrite(value);
      }
    }
  };
  return { name: 'tray-dist-paths', packageLinkPhase: ({ customElementsManifest }) => rewrite(customElementsManifest.modules) };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/events.ts', 'src/define.ts'],
  exclude: ['**/*.test.ts', '**/*.d.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json's `customElements` field is maintained by hand.
  packagejson: false,
  plugins: [distPaths()],
};
