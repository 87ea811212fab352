import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves web/dist at `/`; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every route's page is a lazy chunk (routes/router.tsx); libraries are split by who uses them, so the portal
    // loads only the Mantine components and libraries its pages use. The manifest feeds the bundle budget check.
    manifest: true,
  },
});
