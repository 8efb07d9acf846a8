// Enforces the one-way package layers (see README "Architecture"): every import of a workspace
// package must be allowed by LAYERS, declared in package.json, and never reach across a package by
// a relative path. Pure layers may not import Node built-ins or I/O libraries. Exits 1 on a violation.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Which workspace packages each package may import. The graph is acyclic by construction. */
const LAYERS: Record<string, string[]> = {
  '@xlgl/schema': [],
  '@xlgl/engine': ['@xlgl/schema'],
  '@xlgl/db': ['@xlgl/schema', '@xlgl/engine'],
  '@xlgl/documents': ['@xlgl/schema'],
  '@xlgl/api': ['@xlgl/schema', '@xlgl/engine', '@xlgl/db', '@xlgl/documents'],
  '@xlgl/renderer': ['@xlgl/schema', '@xlgl/engine'],
  '@xlgl/designer': ['@xlgl/schema', '@xlgl/engine', '@xlgl/renderer'],
  '@xlgl/server': ['@xlgl/schema', '@xlgl/engine', '@xlgl/db', '@xlgl/documents', '@xlgl/api'],
  '@xlgl/web': ['@xlgl/schema', '@xlgl/engine', '@xlgl/renderer', '@xlgl/designer', '@xlgl/api'],
  '@xlgl/e2e': ['@xlgl/schema', '@xlgl/engine', '@xlgl/db', '@xlgl/documents', '@xlgl/api'],
};
/** Imports that would break a layer's promise (pure / browser-safe / server-free). */
const FORBIDDEN: Record<string, RegExp[]> = {
  '@xlgl/schema': [/^node:/, /^(fs|path|crypto|http)$/, /^react/, /^drizzle/, /^@electric-sql/, /^postgres$/],
  '@xlgl/engine': [/^node:/, /^(fs|path|crypto|http)$/, /^react/, /^drizzle/, /^@electric-sql/, /^postgres$/],
  '@xlgl/renderer': [/^node:/, /^drizzle/, /^@electric-sql/, /^postgres$/, /^pg-boss$/],
  '@xlgl/designer': [/^node:/, /^drizzle/, /^@electric-sql/, /^postgres$/, /^pg-boss$/],
  '@xlgl/web': [/^node:/, /^drizzle/, /^@electric-sql/, /^postgres$/, /^pg-boss$/],
};
/** Packages that may only import these workspace packages as types (erased at build time). */
const TYPE_ONLY: Record<string, string[]> = { '@xlgl/web': ['@xlgl/api'] };

const importPattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield path;
  }
}

const problems: string[] = [];
const packageDirs = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
  .concat(join(root, 'e2e'));

for (const dir of packageDirs) {
  const manifestPath = join(dir, 'package.json');
  let manifest: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    continue;
  }
  const name = manifest.name;
  const allowed = LAYERS[name];
  if (!allowed) {
    problems.push(`${relative(root, manifestPath)}: 包 ${name} 未在 scripts/check-layers.ts 的 LAYERS 中声明层级`);
    continue;
  }
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const typeOnly = Boolean(match[2]);
      const specifier = match[3] ?? match[4];
      if (!specifier) continue;
      const where = relative(root, file);
      if (specifier.startsWith('.')) {
        const target = resolve(file, '..', specifier);
        if (!target.startsWith(dir + sep) && target !== dir) problems.push(`${where}: 相对路径 ${specifier} 越出了包 ${name}，请通过包名导入`);
        continue;
      }
      // Tests and build configuration (vite.config.ts, …) run in Node, not in the layer's runtime.
      const isTest = /\.test\.tsx?$/.test(file);
      const isBuildConfig = /(^|[\\/])[\w-]+\.config\.m?ts$/.test(file);
      for (const pattern of isTest || isBuildConfig ? [] : (FORBIDDEN[name] ?? [])) {
        if (pattern.test(specifier)) problems.push(`${where}: ${name} 不得导入 ${specifier}（违反该层的约束）`);
      }
      const workspace = specifier.match(/^(@xlgl\/[^/]+)/)?.[1];
      if (!workspace || workspace === name) continue;
      if (!allowed.includes(workspace)) problems.push(`${where}: ${name} 不得导入 ${workspace}（层级只允许：${allowed.join(', ') || '无'}）`);
      else if (!declared.has(workspace)) problems.push(`${where}: ${workspace} 未在 ${relative(root, manifestPath)} 中声明为依赖`);
      if (TYPE_ONLY[name]?.includes(workspace) && !typeOnly) problems.push(`${where}: ${name} 只能以 import type 导入 ${workspace}`);
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`层级检查失败：${problems.length} 处`);
  process.exit(1);
}
console.log('层级检查通过 / package layers OK');
