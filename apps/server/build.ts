/**
 * Production build of the server: `src/main.ts` and the workspace packages it imports (`@xlgl/*`,
 * TypeScript) bundled by esbuild into `dist/main.js`, run by `npm start` as plain `node dist/main.js`
 * (no TypeScript compiler in the running process). Run: `pnpm --filter @xlgl/server build`.
 *
 * Third-party packages stay outside the bundle and are loaded from node_modules at run time, each
 * exactly as the importing workspace package resolves it today: pnpm gives every package only its own
 * dependencies, so a bare `pg-boss` imported by packages/db would not resolve from apps/server/dist.
 * The import is therefore written as a path relative to dist/ of the file esbuild resolves from the
 * importing file (…/node_modules/.pnpm/pg-boss@…/…), which is the file Node loads today. Their own
 * files (PGlite's wasm and data, pdf-lib's fonts) keep loading next to their own code.
 *
 * `import.meta.url`, `import.meta.dirname` and `import.meta.filename` in workspace sources are replaced
 * by the source file's own location, computed from the bundle's location at run time, so paths built
 * from them (the repository root, packages/db/migrations, `createRequire` for the Noto fonts) point
 * where they point when the sources run through tsx.
 */
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';

const serverDir = import.meta.dirname;
const repositoryRoot = resolve(serverDir, '../..');
const outdir = join(serverDir, 'dist');

/** A path relative to dist/, POSIX separators, always starting with `./` or `../`. */
function fromOutdir(path: string): string {
  const relativePath = relative(outdir, path).split(sep).join('/');
  return relativePath.startsWith('.') ? relativePath : `./${relativePath}`;
}

const isBare = (specifier: string) => !/^(\.|\/|node:|[a-zA-Z]:)/.test(specifier);
const isWorkspace = (specifier: string) => specifier === '@xlgl' || specifier.startsWith('@xlgl/');
const isOwnSource = (path: string) => path.startsWith(repositoryRoot + sep) && !path.split(sep).includes('node_modules');

/** Bare third-party imports: external, pinned to the file the importing package resolves. */
const externalThirdParty: Plugin = {
  name: 'external-third-party',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'external-third-party' || !isBare(args.path) || isWorkspace(args.path)) return undefined;
      const result = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'external-third-party',
      });
      if (result.errors.length > 0) return { errors: result.errors };
      // Node built-ins without the node: prefix come back external and unresolved.
      if (result.external) return { path: args.path, external: true };
      if (!result.path.split(sep).includes('node_modules')) {
        return {
          errors: [{ text: `“${args.path}” resolved outside node_modules (${result.path}); workspace packages are imported as @xlgl/…` }],
        };
      }
      return { path: fromOutdir(result.path), external: true };
    });
  },
};

/** `import.meta.url|dirname|filename` in workspace sources: the source file's location, not the bundle's. */
const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(builder) {
    builder.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
      if (!isOwnSource(args.path)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (/\bimport\.meta\.resolve\b/.test(source)) {
        return {
          errors: [
            {
              text: `import.meta.resolve in ${relative(repositoryRoot, args.path)} would resolve from the bundle; use createRequire(import.meta.url).resolve`,
            },
          ],
        };
      }
      if (!/\bimport\.meta\.(url|dirname|filename)\b/.test(source)) return undefined;
      const fileUrl = `new URL(${JSON.stringify(fromOutdir(args.path))}, import.meta.url)`;
      const dirUrl = `new URL(${JSON.stringify(`${fromOutdir(dirname(args.path))}/`)}, import.meta.url)`;
      // The import goes last (imports are hoisted) so line numbers stay those of the source.
      const contents =
        source
          .replace(/\bimport\.meta\.url\b/g, `${fileUrl}.href`)
          .replace(/\bimport\.meta\.filename\b/g, `__xlglFileURLToPath(${fileUrl})`)
          .replace(/\bimport\.meta\.dirname\b/g, `__xlglFileURLToPath(${dirUrl}).replace(/[\\\\/]$/, '')`) +
        `\nimport { fileURLToPath as __xlglFileURLToPath } from 'node:url';\n`;
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(serverDir, 'src/main.ts')],
  outfile: join(outdir, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Resolve package exports with the conditions Node uses (esbuild would add `module` otherwise).
  conditions: [],
  // Class and function names survive bundling (`error.name`, log lines, stack traces stay readable).
  keepNames: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [externalThirdParty, sourceLocations],
});

const inputs = Object.keys(result.metafile.inputs).length;
const bytes = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('main.js'))?.[1].bytes;
console.log(`apps/server/dist/main.js: ${inputs} source files${bytes ? `, ${(bytes / 1024).toFixed(0)} KiB` : ''}`);
