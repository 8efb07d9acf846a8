import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The Node server the dev server forwards API calls to (`XLGL_SERVER` overrides it). */
const backend = process.env.XLGL_SERVER ?? 'http://localhost:3000';

const memoiser = fileURLToPath(new URL('./src/lib/memoiseUpdateCss.ts', import.meta.url));
const wrapped = '\0xlgl-memoised-dynamic-css:';

/**
 * rc-util's `dynamicCSS` module (whichever copy an importer resolves to) with `updateCSS` memoised
 * (src/lib/memoiseUpdateCss.ts): antd's CSS-in-JS and icons call it on every component instance's mount.
 */
function memoisedStyleInjection(): Plugin {
  return {
    name: 'xlgl-memoised-style-injection',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source !== 'rc-util/es/Dom/dynamicCSS' || importer?.startsWith(wrapped)) return null;
      const original = await this.resolve(source, importer, { ...options, skipSelf: true });
      return original ? `${wrapped}${original.id}` : null;
    },
    load(id) {
      if (!id.startsWith(wrapped)) return null;
      const original = JSON.stringify(id.slice(wrapped.length));
      return [
        `import { updateCSS as original } from ${original};`,
        `import { memoiseUpdateCss } from ${JSON.stringify(memoiser)};`,
        `export * from ${original};`,
        `export const updateCSS = memoiseUpdateCss(original);`,
      ].join('\n');
    },
  };
}

/** The SPA: the dev server proxies /trpc and /healthz to the Node server; `vite build` writes apps/web/dist. */
export default defineConfig({
  plugins: [memoisedStyleInjection(), react()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
