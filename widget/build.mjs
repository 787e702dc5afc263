import { build } from 'esbuild';

await build({
  entryPoints: { w: 'src/loader.ts' },
  outdir: 'dist',
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  logLevel: 'info',
});
