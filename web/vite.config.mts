import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.mts';

/**
 * The web page's build: `vite build web` (from the project root, as `npm run build` does)
 * writes web/dist, which the engine serves at `/`. In `vite dev` the API calls go to an engine
 * on ENGINE_URL (default http://127.0.0.1:3000), so the page keeps talking same-origin.
 */
const engine = process.env.ENGINE_URL ?? 'http://127.0.0.1:3000';
const API_PATHS = [
  '/auth',
  '/issues',
  '/groups',
  '/reviews',
  '/audit',
  '/users',
  '/api-keys',
  '/health',
  '/events',
  '/live',
];

export default defineConfig({
  plugins: [react(), precompress()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts (bars, lines, a target line, SVG: about 560 kB, 190 kB gzipped, most of it its
    // core) loads only with the group views; anything else this large is a mistake.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: a new build of the page keeps them cached.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'i18n',
              test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(API_PATHS.map((p) => [p, { target: engine, changeOrigin: false }])),
  },
});
