import { resolve } from 'node:path';
import type { Plugin } from 'vite';

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}

/**
 * The portal's first page arrives as one file instead of thirty: every module its layout and first page import
 * statically (and the entry does not already carry; the two pages stay their lazy routes' own small files) is bundled into one `portal-first-load` chunk. One gzip stream
 * compresses better than many small ones (about 8 kB less on the first load) and a phone on a slow network makes
 * one request instead of a queue of them. Staff pages that use the same components load the same chunk.
 */
export function portalFirstLoadChunk(options: { entry: string; roots: string[] }): Plugin {
  let members: Set<string> | null = null;
  let root = process.cwd();

  const reachable = (graph: ModuleGraph, starts: string[]): Set<string> => {
    const seen = new Set<string>();
    const queue = [...starts];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      queue.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
    }
    return seen;
  };

  const memberOf = (id: string, graph: ModuleGraph): string | null => {
    if (!members) {
      const fromEntry = reachable(graph, [resolve(root, options.entry)]);
      const roots = options.roots.map((file) => resolve(root, file));
      // The pages themselves stay the lazy routes' own (small) files.
      const shared = (module: string) => !fromEntry.has(module) && !roots.includes(module);
      members = new Set([...reachable(graph, roots)].filter(shared));
    }
    return members.has(id) ? 'portal-first-load' : null;
  };

  return {
    name: 'needlepoint:portal-first-load-chunk',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      members = null;
    },
    config: () => ({
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                {
                  debugName: 'portal-first-load',
                  name: (id: string, graph: ModuleGraph) => memberOf(id, graph),
                },
              ],
            },
          },
        },
      },
    }),
  };
}
