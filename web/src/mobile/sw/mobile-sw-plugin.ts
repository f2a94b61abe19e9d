// Build step of the phone page's service worker (no PWA plugin needed): once Vite has written
// web/dist, list the files the mobile entry loads and write dist/m-sw.js = that list in front of
// service-worker.js. The version is a hash of those files' contents, so any change of the phone
// page gives the phones a new worker and a new cache, and the old cache is dropped.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const MOBILE_SW_FILE = 'm-sw.js';
const TEMPLATE = fileURLToPath(new URL('./service-worker.js', import.meta.url));

interface ChunkLike { type: 'chunk'; fileName: string; name: string; isEntry: boolean; imports: string[]; dynamicImports: string[]; viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }

/** `entry`: the input name of the phone page; `publicFiles`: files of web/public it uses (the icon). */
export function mobileServiceWorker(opts: { entry: string; html: string; publicFiles: string[] }): Plugin {
  return {
    name: 'shiyu-mobile-service-worker',
    apply: 'build',
    writeBundle(output, bundle) {
      const dir = output.dir!;
      const chunks = new Map<string, ChunkLike>();
      for (const o of Object.values(bundle)) if (o.type === 'chunk') chunks.set(o.fileName, o as unknown as ChunkLike);
      const entry = [...chunks.values()].find((c) => c.isEntry && c.name === opts.entry);
      if (!entry) throw new Error(`service worker: no entry "${opts.entry}" in the build`);
      // The entry and its static imports load at once; dynamic imports (the map) on demand.
      const walk = (start: string[], into: Set<string>, lazy: Set<string>, skip: Set<string>) => {
        const todo = [...start];
        while (todo.length) {
          const c = chunks.get(todo.pop()!);
          if (!c || into.has(c.fileName) || skip.has(c.fileName)) continue;
          into.add(c.fileName);
          for (const f of [...(c.viteMetadata?.importedCss ?? []), ...(c.viteMetadata?.importedAssets ?? [])]) if (!skip.has(f)) into.add(f);
          todo.push(...c.imports);
          for (const d of c.dynamicImports) lazy.add(d);
        }
      };
      const core = new Set<string>();
      const dynamic = new Set<string>();
      walk([entry.fileName], core, dynamic, new Set());
      const lazy = new Set<string>();
      walk([...dynamic], lazy, new Set(), core);
      const files = [opts.html, ...opts.publicFiles, ...core];
      const hash = crypto.createHash('sha256');
      for (const f of [...files, ...lazy].sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
      const build = { version: hash.digest('hex').slice(0, 16), core: files.map((f) => `/${f}`), lazy: [...lazy].map((f) => `/${f}`) };
      const source = `const BUILD = ${JSON.stringify(build, null, 1)};\n${fs.readFileSync(TEMPLATE, 'utf8')}`;
      fs.writeFileSync(path.join(dir, MOBILE_SW_FILE), source);
    },
  };
}
