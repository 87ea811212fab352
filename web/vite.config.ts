import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Charts (recharts and what only it pulls in) stay out of the shared groups, so they load with the pages that draw one.
const chartLibraries =
  /node_modules[\\/](@mantine[\\/]charts|recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|react-redux|reselect|immer|es-toolkit|decimal\.js-light|internmap)[\\/]/;

// The barcode reader (and its .wasm) loads only when a camera opens: it stays out of the shared groups too.
const scannerLibraries = /node_modules[\\/](barcode-detector|zxing-wasm)[\\/]/;
const lazyOnly = (id: string) => chartLibraries.test(id) || scannerLibraries.test(id);

// The server serves web/dist at `/`; in development Vite proxies the API to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Libraries change less often than the app: separate files stay cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'mantine',
              test: (id) => /node_modules[\\/]@mantine/.test(id) && !lazyOnly(id),
            },
            { name: 'vendor', test: (id) => /node_modules/.test(id) && !lazyOnly(id) },
          ],
        },
      },
    },
  },
});
