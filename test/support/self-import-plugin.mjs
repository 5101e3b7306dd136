// Lets browser tests import the package by its own name, as a host app would
// (`tray-integrations`, `tray-integrations/define`), answered from src/ so no
// build is needed. tsconfig.json's `paths` says the same for the type-checker.
const SELF = {
  'tray-integrations': '/src/index.ts',
  'tray-integrations/define': '/src/define.ts',
};

export function selfImportPlugin() {
  return {
    name: 'self-import',
    resolveImport({ source }) {
      return SELF[source];
    },
  };
}
