import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The Node server the dev server forwards API calls to (`XLGL_SERVER` overrides it). */
const backend = process.env.XLGL_SERVER ?? 'http://localhost:3000';

/** The SPA: the dev server proxies /trpc and /healthz to the Node server; `vite build` writes apps/web/dist. */
export default defineConfig({
  plugins: [react()],
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
