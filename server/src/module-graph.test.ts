// The modules' imports as the layers mean them (shared <- db <- server; shared <- web), and no
// module importing itself back through others: in a cycle one module's body runs before the
// module it imports has finished, so a value read while loading can still be undefined, and the
// two can only be understood together. Read from the sources with TypeScript's own parser.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LAYERS = ['shared', 'db', 'server', 'web'] as const;
type Layer = (typeof LAYERS)[number];
/** What each layer may import of the others. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = { shared: [], db: ['shared'], server: ['shared', 'db'], web: ['shared'] };
const ENTRY: Partial<Record<string, Layer>> = { '@mast/shared': 'shared', '@mast/db': 'db', '@mast/server': 'server' };

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** A file's code as TypeScript reads it: a Svelte component's script blocks. */
function codeOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('\n');
}

/**
 * What a file imports when it runs, as written: `import type` and `export type` load nothing and
 * are left out; `import { type A }` still loads its module (verbatimModuleSyntax keeps it).
 */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, codeOf(file), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly && ts.isStringLiteral(s.moduleSpecifier)) out.push(s.moduleSpecifier.text);
    if (ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) out.push(s.moduleSpecifier.text);
  }
  return out;
}

const layerOf = (file: string): Layer => relative(ROOT, file).split('/')[0] as Layer;
const files = LAYERS.flatMap((layer) => sourcesUnder(join(ROOT, layer, 'src')));
const known = new Set(files);
const entryFile = (layer: Layer) => join(ROOT, layer, 'src', 'index.ts');

/** Each file's imports among the repository's own modules (a package's name as its index). */
const edges = new Map(
  files.map((file) => {
    const to: string[] = [];
    for (const spec of runtimeImports(file)) {
      const entry = ENTRY[spec.split('/').slice(0, 2).join('/')];
      if (entry) to.push(entryFile(entry));
      else if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (known.has(target)) to.push(target);
      }
    }
    return [file, to] as const;
  }),
);

/** Groups of modules that import one another, round a cycle (Tarjan's strongly connected components). */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(relative(ROOT, w));
    } while (w !== v);
    if (group.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(group.sort());
  };
  for (const f of edges.keys()) if (!index.has(f)) visit(f);
  return found;
}

describe('the modules', () => {
  it('are read from every layer', () => {
    for (const layer of LAYERS) expect(files.some((f) => layerOf(f) === layer)).toBe(true);
    expect(files.length).toBeGreaterThan(300);
  });

  it('import only the layers beneath them', () => {
    const wrong: string[] = [];
    for (const [file, to] of edges) {
      for (const target of to) {
        const from = layerOf(file);
        const layer = layerOf(target);
        if (layer !== from && !MAY_IMPORT[from].includes(layer)) wrong.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('import none of themselves back, through however many others', () => {
    expect(cycles(edges)).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle however long, and a module importing itself, and nothing in a chain', () => {
    const at = (name: string) => join(ROOT, 'server/src', name);
    const graph = new Map([
      [at('a.ts'), [at('b.ts')]],
      [at('b.ts'), [at('c.ts')]],
      [at('c.ts'), [at('a.ts'), at('d.ts')]],
      [at('d.ts'), [at('e.ts')]],
      [at('e.ts'), []],
      [at('f.ts'), [at('f.ts')]],
    ]);
    expect(cycles(graph)).toEqual([['server/src/a.ts', 'server/src/b.ts', 'server/src/c.ts'], ['server/src/f.ts']]);
  });
});
