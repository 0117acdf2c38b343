// `npm run size:web`: what each first view of the page downloads, gzip and brotli, from the
// build's manifest (the entry, the view's chunk, and every chunk they import).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const gzip = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const brotli = (file) =>
  existsSync(join(dist, `${file}.br`)) ? statSync(join(dist, `${file}.br`)).size : gzip(file);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key].imports ?? []) closure(next, seen);
  return seen;
}
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const view = (name) => Object.keys(manifest).find((key) => key.endsWith(`/${name}.tsx`));

const rows = [
  ['sign-in', []],
  ['board', ['BoardView']],
  ['issue', ['IssueView']],
  ['groups (charts)', ['GroupsView']],
].map(([name, views]) => {
  const files = new Set(['index.html']);
  for (const key of [entry, ...views.map(view)])
    for (const chunk of closure(key))
      [manifest[chunk].file, ...(manifest[chunk].css ?? [])].forEach((f) => files.add(f));
  const list = [...files];
  return {
    view: name,
    files: list.length,
    gzip: kb(list.reduce((a, f) => a + gzip(f), 0)),
    brotli: kb(list.reduce((a, f) => a + brotli(f), 0)),
  };
});
const assets = readdirSync(join(dist, 'assets')).filter((f) => !/\.(gz|br)$/.test(f));
rows.push({
  view: 'everything',
  files: assets.length + 1,
  gzip: kb(assets.reduce((a, f) => a + gzip(`assets/${f}`), gzip('index.html'))),
  brotli: '',
});
console.table(rows);
