// Builds the widget: dist/w/survey.<hash>.js (Preact UI, ES module, loaded on demand) and
// dist/w/outbox.<hash>.js (the durable outbox, loaded when a moment is tracked; the survey shares it
// through a common chunk), then dist/w.js (the loader, an IIFE that knows both names) and
// dist/esm/index.js (npm entry).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };

// Language chunks share one content hash in their names, so the survey chunk can name any of them.
// Each is its strings' values as an array in the order of the enum S (strings.ts), which names
// them once for all: `export default["Next","Back",…]`, in UTF-8 (a module script always is).
const langFiles = readdirSync('src/survey/lang').sort();
const langHash = createHash('sha256')
  .update(
    [...langFiles.map((f) => `src/survey/lang/${f}`), 'src/survey/strings.ts']
      .map((f) => readFileSync(f))
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 8);
const langPrefix = `l-${langHash}-`;
/** A TypeScript module's exports, bundled in memory. */
const load = async (file) => {
  const out = await build({
    ...common,
    entryPoints: [file],
    write: false,
    format: 'esm',
    define: { __LANG_PREFIX__: '""' },
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`);
};
const { stringNames, toList } = await load('src/survey/strings.ts');
mkdirSync('dist/w', { recursive: true });
for (const f of langFiles) {
  const strings = (await load(`src/survey/lang/${f}`)).default;
  const names = stringNames();
  if (Object.keys(strings).sort().join() !== names.sort().join() || !names.every((k) => strings[k]))
    throw new Error(`src/survey/lang/${f} must have every string S names (strings.ts), and no other`);
  writeFileSync(
    `dist/w/${langPrefix}${f.replace(/\.ts$/, '.js')}`,
    `export default${JSON.stringify(toList(strings))};`,
  );
}

const survey = await build({
  ...common,
  entryPoints: { survey: 'src/survey/main.tsx', outbox: 'src/survey/outbox.ts' },
  outdir: 'dist/w',
  entryNames: '[name].[hash]',
  chunkNames: 'c.[hash]',
  splitting: true,
  // Class fields as written: the survey needs constructed stylesheets (Chrome 73, Firefox 101, Safari
  // 16.4), which all have them; the loader's es2020 stays for the rest (the outbox chunk too).
  supported: { 'class-field': true },
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
