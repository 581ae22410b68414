import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Libraries the first screen needs, each in a chunk of its own: their hashes survive an app-only deploy,
 * so a phone that has them cached fetches only our code again. `$initial` keeps what only lazily loaded
 * screens use (tables, date pickers, uploads…) out of these chunks, in the screens' own chunks.
 */
const VENDOR_GROUPS = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/,
    priority: 3,
  },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component)[\\/]/,
    tags: ['$initial' as const],
    priority: 2,
  },
  { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial' as const], priority: 1 },
];

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // The antd chunk is the largest (~740 kB); warn if a chunk outgrows it by much.
    chunkSizeWarningLimit: 900,
    rolldownOptions: { output: { codeSplitting: { groups: VENDOR_GROUPS } } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
