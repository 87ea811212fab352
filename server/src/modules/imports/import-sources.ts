import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import StreamJson from 'stream-json';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import Pick from 'stream-json/filters/Pick.js';

/** One item read from an import: a resource, or the reason a piece of input could not be read. */
export type SourceItem =
  | {
      source: string;
      line?: number;
      entryIndex?: number;
      resource: Record<string, unknown>;
      fullUrl?: string;
    }
  | { source: string; line?: number; entryIndex?: number; error: string };

export type ImportFormat = 'bundle' | 'ndjson';

const bundleTypes = new Set([
  'collection',
  'transaction',
  'batch',
  'searchset',
  'document',
  'message',
  'history',
]);

/** Reads NDJSON line by line: one resource per line; a broken line is reported and the rest go on. */
export async function* readNdjson(stream: Readable, source: string): AsyncGenerator<SourceItem> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { source, line, error: 'not valid JSON' };
      continue;
    }
    if (
      !value ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      typeof (value as { resourceType?: unknown }).resourceType !== 'string'
    ) {
      yield { source, line, error: 'not a FHIR resource (no resourceType)' };
      continue;
    }
    yield { source, line, resource: value as Record<string, unknown> };
  }
}

/** The first `resourceType` and `type` in the head of a JSON document, to tell a Bundle early. */
function sniffHead(head: string): { resourceType?: string; type?: string } {
  return {
    resourceType: /"resourceType"\s*:\s*"([^"]*)"/.exec(head)?.[1],
    type: /"type"\s*:\s*"([^"]*)"/.exec(head)?.[1],
  };
}

/** Reads the first few kilobytes of a stream and gives back a stream that still starts at the beginning. */
async function peekHead(input: Readable): Promise<{ head: string; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < 4096) {
    const { value, done } = await iterator.next();
    if (done) break;
    const chunk = Buffer.isBuffer(value) ? value : Buffer.from(value);
    chunks.push(chunk);
    size += chunk.length;
  }
  async function* replay() {
    yield* chunks;
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return;
      yield value;
    }
  }
  return {
    head: Buffer.concat(chunks).toString('utf8'),
    stream: Readable.from(replay(), { objectMode: false }),
  };
}

/**
 * Streams the entries of a Bundle without holding the whole document in memory. The first bytes are read
 * first, to refuse what is not a Bundle before reading on.
 */
export async function* readBundle(
  input: Readable,
  source: string,
  onBundle?: (bundle: { type: string | undefined }) => void,
): AsyncGenerator<SourceItem> {
  const { head, stream } = await peekHead(input);
  const trimmed = head.trimStart();
  if (!trimmed.startsWith('{')) {
    stream.destroy();
    yield { source, error: 'not a JSON object (expected a FHIR Bundle)' };
    return;
  }
  const sniff = sniffHead(head);
  if (sniff.resourceType !== 'Bundle') {
    stream.destroy();
    yield {
      source,
      error: sniff.resourceType
        ? `a ${sniff.resourceType}, not a Bundle`
        : 'not a FHIR Bundle (no resourceType)',
    };
    return;
  }
  if (sniff.type && !bundleTypes.has(sniff.type)) {
    stream.destroy();
    yield { source, error: `Bundle.type "${sniff.type}" is not a FHIR R4 Bundle type` };
    return;
  }
  onBundle?.({ type: sniff.type });
  const entries = stream
    .pipe(StreamJson.parser())
    .pipe(Pick.pick({ filter: 'entry' }))
    .pipe(StreamArray.streamArray());
  let index = 0;
  try {
    for await (const item of entries as AsyncIterable<{ key: number; value: unknown }>) {
      index = item.key;
      const entry = item.value as { resource?: unknown; fullUrl?: unknown } | null;
      const resource = entry?.resource as Record<string, unknown> | undefined;
      if (!resource || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
        yield {
          source: `${source} entry[${index}]`,
          entryIndex: index,
          error: 'entry has no resource with a resourceType',
        };
        continue;
      }
      const fullUrl = typeof entry?.fullUrl === 'string' ? entry.fullUrl : undefined;
      yield {
        source: `${source} entry[${index}]`,
        entryIndex: index,
        resource,
        ...(fullUrl ? { fullUrl } : {}),
      };
    }
  } catch (error) {
    yield {
      source: `${source} after entry[${index}]`,
      error: `not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
    };
  }
}

export interface ImportFile {
  path: string;
  format: ImportFormat;
  bytes: number;
}

/** The files of an import: one file, or a folder's .json (Bundles) and .ndjson files, Patient files first. */
export async function listImportFiles(path: string): Promise<ImportFile[]> {
  const info = await stat(path);
  const paths = info.isDirectory() ? (await readdir(path)).sort().map((name) => join(path, name)) : [path];
  const files: ImportFile[] = [];
  for (const p of paths) {
    const format: ImportFormat | null = /\.(nd)?jsonl?$/i.test(p)
      ? /\.(ndjson|jsonl)$/i.test(p)
        ? 'ndjson'
        : 'bundle'
      : null;
    if (!format) {
      if (!info.isDirectory()) files.push({ path: p, format: 'bundle', bytes: (await stat(p)).size });
      continue;
    }
    const s = await stat(p);
    if (s.isFile()) files.push({ path: p, format, bytes: s.size });
  }
  // Patients before the resources that reference them.
  return files.sort(
    (a, b) =>
      Number(!basename(a.path).startsWith('Patient')) - Number(!basename(b.path).startsWith('Patient')),
  );
}

/** Reads one file as its format says, counting bytes for progress. */
export async function* readImportFile(
  file: ImportFile,
  onBytes: (n: number) => void,
): AsyncGenerator<SourceItem> {
  const source = basename(file.path);
  const file$ = createReadStream(file.path);
  async function* counted() {
    for await (const chunk of file$ as AsyncIterable<Buffer>) {
      onBytes(chunk.length);
      yield chunk;
    }
  }
  const stream = Readable.from(counted(), { objectMode: false });
  yield* file.format === 'ndjson' ? readNdjson(stream, source) : readBundle(stream, source);
}
