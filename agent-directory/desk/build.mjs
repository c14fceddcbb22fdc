// Builds the desk into the directory jar's static resources (and the browser-test pages beside them in
// target/desk-test, never into the jar). Usage: node build.mjs [outDir]
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const out = process.argv[2] || '../target/classes/META-INF/resources/desk';
const testOut = '../target/desk-test';
await mkdir(out, { recursive: true });
await build({
  entryPoints: ['src/desk.js'],
  bundle: true,
  format: 'esm',
  splitting: true,
  minify: true,
  sourcemap: false,
  target: 'es2022',
  outdir: out,
  logLevel: 'warning',
});
await copyFile('src/index.html', `${out}/index.html`);
await copyFile('src/desk.css', `${out}/desk.css`);

await mkdir(testOut, { recursive: true });
await build({
  entryPoints: ['test/vonage-phone-test.js', 'test/stream-test.js', 'test/controls-test.js'],
  bundle: true,
  format: 'iife',
  loader: { '.html': 'text' },
  target: 'es2022',
  outdir: testOut,
  logLevel: 'warning',
});
for (const page of ['vonage-phone-test.html', 'stream-test.html', 'controls-test.html']) {
  await copyFile(`test/${page}`, `${testOut}/${page}`);
}
