// Builds the widget: dist/w/survey.<hash>.js (Preact UI, ES module, loaded on demand) and
// dist/w/outbox.<hash>.js (the durable outbox, loaded when a moment is tracked; the survey shares it
// through a common chunk), then dist/w.js (the loader, an IIFE that knows both names) and
// dist/esm/index.js (npm entry).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };

// Language chunks share one content hash in their names, so the survey chunk can name any of them.
const langFiles = readdirSync('src/survey/lang').sort();
const langHash = createHash('sha256')
  .update(langFiles.map((f) => readFileSync(`src/survey/lang/${f}`)).join('\n'))
  .digest('hex')
  .slice(0, 8);
const langPrefix = `l-${langHash}-`;
await build({
  ...common,
  entryPoints: langFiles.map((f) => `src/survey/lang/${f}`),
  outdir: 'dist/w',
  entryNames: `${langPrefix}[name]`,
  format: 'esm',
});

const survey = await build({
  ...common,
  entryPoints: { survey: 'src/survey/main.tsx', outbox: 'src/survey/outbox.ts' },
  outdir: 'dist/w',
  entryNames: '[name].[hash]',
  chunkNames: 'c.[hash]',
  splitting: true,
  format: 'esm',
  metafile: true,
  define: { __LANG_PREFIX__: JSON.stringify(langPrefix) },
});
const outputOf = (entry) =>
  `w/${basename(Object.entries(survey.metafile.outputs).find(([, o]) => o.entryPoint === entry)[0])}`;
const chunk = outputOf('src/survey/main.tsx');
const define = {
  __SURVEY_CHUNK__: JSON.stringify(chunk),
  __OUTBOX_CHUNK__: JSON.stringify(outputOf('src/survey/outbox.ts')),
};

await build({ ...common, entryPoints: { w: 'src/loader/main.ts' }, outdir: 'dist', format: 'iife', define });
await build({
  ...common,
  minify: false,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist/esm',
  format: 'esm',
  define,
});
console.log(`widget built: dist/w.js + dist/${chunk}`);
