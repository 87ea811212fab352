import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstLoads } from './scripts/bundle-budget.mjs';
import { portalFirstLoadChunk } from './build/first-load-chunk.ts';
import { mantineComponentStyles } from './build/mantine-component-styles.ts';
import { precompiledMessages } from './build/precompiled-messages.ts';

// The server serves web/dist at `/`; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [
    react(),
    mantineComponentStyles(),
    precompiledMessages(),
    portalFirstLoadChunk({
      entry: 'src/main.tsx',
      roots: firstLoads.portal.filter((file) => file.endsWith('.tsx')),
    }),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every route's page is a lazy chunk (routes/router.tsx); libraries are split by who uses them, so the portal
    // loads only the Mantine components and libraries its pages use. The manifest feeds the bundle budget check.
    manifest: true,
    // Every browser the app supports preloads modules itself.
    modulePreload: { polyfill: false },
    // The entry lists every lazy chunk's file name (and stylesheet) for preloading, so each character of a name is
    // paid on every first load: files are named by their content hash alone (about 1 kB less on the portal's).
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[hash].js',
        chunkFileNames: 'assets/[hash].js',
        assetFileNames: 'assets/[hash][extname]',
      },
    },
  },
});
