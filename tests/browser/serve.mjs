// A static file server for the built book, on 127.0.0.1 and a free port, laid out the way
// GitHub Pages serves a project site: the book lives under `/<repository>/` (`basePath`), and
// a page that does not exist is answered with status 404 and the book's own `404.html`.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Serves `folder` under `basePath` (which starts and ends with `/`); resolves to
 * { url, origin, close } once it listens (`url` is the book's address, with `basePath`), or
 * rejects with one line.
 */
export function serveFolder(folder, basePath = '/') {
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    // GitHub Pages redirects the folder without its slash to the folder.
    if (`${pathname}/` === basePath) {
      response.writeHead(301, { location: basePath }).end();
      return;
    }
    if (!pathname.startsWith(basePath)) {
      response.writeHead(404, { 'content-type': TYPES['.html'] }).end('not the book');
      return;
    }
    const path = normalize(`/${pathname.slice(basePath.length)}`);
    const file = join(folder, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      // As GitHub Pages does for a project site: the site's 404.html, with status 404.
      const notFound = await readFile(join(folder, '404.html')).catch(() => 'no 404.html');
      response.writeHead(404, { 'content-type': TYPES['.html'] }).end(notFound);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`the book server did not come up on 127.0.0.1: ${error.message}`)),
    );
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({
        origin,
        url: `${origin}${basePath}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
