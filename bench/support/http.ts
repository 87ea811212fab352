import { Agent, request } from 'node:http';

/** A keep-alive GET that resolves on a 200 and rejects otherwise. */
export function httpGetter(
  baseUrl: string,
  headers: Record<string, string>,
  sockets = 64,
): (path: string) => Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  return (path) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: hostname, port, path, method: 'GET', headers, agent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
}
