import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'web');
export const WEB_DIST = path.join(WEB, 'dist');

function newest(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const file = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs;
    return Math.max(latest, time);
  }, 0);
}

/**
 * The browser specs test the page the engine really serves: the built one. It is built here
 * (as `npm run build` does) when web/dist is missing or older than the page's sources, so a
 * spec never tests a stale page.
 */
export function ensureBuiltPage(): string {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newest(path.join(WEB, 'src')),
    ...['index.html', 'vite.config.mts'].map((f) => fs.statSync(path.join(WEB, f)).mtimeMs),
    newest(path.join(WEB, 'build')),
  );
  if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources) {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', 'web', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  return WEB_DIST;
}
