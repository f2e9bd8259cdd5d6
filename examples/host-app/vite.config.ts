import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The usual Vite + React setup. html.cspNonce is Vite's way to a strict CSP: the built
// index.html carries this placeholder on its <script>/<link> tags and in a
// <meta property="csp-nonce">, and server.mjs replaces it with a fresh nonce on every request.
export const CSP_NONCE_PLACEHOLDER = 'HOST_APP_CSP_NONCE';
export default defineConfig({ plugins: [react()], build: { sourcemap: true }, html: { cspNonce: CSP_NONCE_PLACEHOLDER } });
