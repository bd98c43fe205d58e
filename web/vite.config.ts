// Builds the browser desk into web/dist, which the server serves at /. `npm run build:web` runs it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { basemap } from './build/basemap.js';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), basemap()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The map library alone is ~800 kB; it is loaded only by the pages that draw maps.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npx vite --config web/vite.config.ts` beside `groundtruth serve` on its default port.
    proxy: { '/api': 'http://127.0.0.1:8080', '/embed': 'http://127.0.0.1:8080' },
  },
});
