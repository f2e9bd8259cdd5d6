import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The usual Vite + React setup: nothing here is specific to the widget.
export default defineConfig({ plugins: [react()], build: { sourcemap: true } });
