import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = { target: 'http://127.0.0.1:3000' };

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      // The auditor's verifier is the backend's own ledger code (src/ledger), bundled as is.
      '@ledger': fileURLToPath(new URL('../../src/ledger', import.meta.url)),
      // Those modules hash with node:crypto and use Buffer: the shim gives them both in the browser.
      'node:crypto': fileURLToPath(new URL('./src/ledger/node-crypto-shim.ts', import.meta.url)),
    },
  },
  server: {
    // The backend serves the REST API under /api and the ledger's tiles under /ledger; forward both unchanged.
    proxy: { '/api': backend, '/ledger': backend },
  },
  preview: {
    proxy: { '/api': backend, '/ledger': backend },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
});
