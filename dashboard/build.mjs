// Builds the dashboard: dist/assets/app.<hash>.js and .css (Preact, uPlot), and dist/index.html
// naming them. The server serves dist/ at /app under a CSP that allows only these files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });
const result = await build({
  entryPoints: { app: 'src/main.tsx' },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: 'es2020',
  outdir: 'dist/assets',
  entryNames: '[name].[hash]',
  // The survey editor and settings (and zod, which validates there) load when first opened.
  splitting: true,
  chunkNames: 'chunk.[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // The survey preview renders the widget's own card; its language chunks are not needed here.
  define: { __LANG_PREFIX__: '"l-"' },
});
const outputs = Object.entries(result.metafile.outputs);
const js = basename(outputs.find(([, o]) => o.entryPoint === 'src/main.tsx')[0]);
const css = basename(outputs.find(([f]) => f.endsWith('.css'))[0]);
writeFileSync(
  'dist/index.html',
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moments</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/app/assets/${css}">
<script type="module" src="/app/assets/${js}"></script>
</head>
<body><div id="app"></div></body>
</html>
`,
);
console.log(`dashboard built: dist/assets/${js}, ${css}`);
