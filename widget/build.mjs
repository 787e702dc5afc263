// Builds the widget: dist/w/survey.<hash>.js (Preact UI, ES module, loaded on demand), then
// dist/w.js (the loader, an IIFE that knows the chunk's name) and dist/esm/index.js (npm entry).
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
  entryPoints: { survey: 'src/survey/main.tsx' },
  outdir: 'dist/w',
  entryNames: '[name].[hash]',
  format: 'esm',
  metafile: true,
  define: { __LANG_PREFIX__: JSON.stringify(langPrefix) },
});
const [surveyFile] = Object.entries(survey.metafile.outputs).find(
  ([, o]) => o.entryPoint === 'src/survey/main.tsx',
);
const chunk = `w/${basename(surveyFile)}`;
const define = { __SURVEY_CHUNK__: JSON.stringify(chunk) };

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
