// Serves the README's Angular example to the browser tests with legacy
// decorators (experimentalDecorators): Angular's JIT compiler refuses standard
// field decorators such as @Output ("not supported in JIT mode"); every other
// file keeps tsconfig.json's settings. Angular compiles the
// template at run time (JIT, @angular/compiler imported by the test): its AOT
// compiler (@angular/compiler-cli) would need a whole TypeScript program.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

const EXAMPLES = '/examples/angular/';
const ANGULAR_TSCONFIG = { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false, verbatimModuleSyntax: true } };

export function angularPlugin() {
  return {
    name: 'angular',
    async serve(context) {
      if (!context.path.startsWith(EXAMPLES) || !context.path.endsWith('.ts')) return undefined;
      const sourcefile = join(process.cwd(), context.path);
      const source = await readFile(sourcefile, 'utf8');
      const { code } = await transform(source, { loader: 'ts', target: 'es2022', sourcefile, tsconfigRaw: ANGULAR_TSCONFIG });
      return { body: code, type: 'js' };
    },
  };
}
