import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform, pipeline } from 'node:stream';
import { findUnsafeText, isSafeText } from '@needlepoint/core/contracts/common';
import { DomainError } from '@needlepoint/core/errors';
import StreamJson from 'stream-json';
import StreamArray from 'stream-json/streamers/StreamArray.js';
import PickFilter from 'stream-json/filters/Pick.js';

/** One item read from an import: a resource, or the reason a piece of input could not be read. */
export type SourceItem =
  | {
      source: string;
      line?: number;
      entryIndex?: number;
      resource: Record<string, unknown>;
      fullUrl?: string;
    }
  | {
      source: string;
      line?: number;
      entryIndex?: number;
      error: string;
      /** The document as a whole could not be read (not JSON, not a Bundle, empty, cut off): nothing after it is. */
      fatal?: boolean;
    };

export type ImportFormat = 'bundle' | 'ndjson';

/** Bounds on what one import may send (public settings: IMPORT_MAX_BYTES, IMPORT_MAX_RESOURCE_BYTES, FHIR_BATCH_MAX_ENTRIES). */
export interface ImportLimits {
  /** One upload, in bytes. */
  maxBytes: number;
  /** One resource: an NDJSON line or a Bundle entry, in bytes. */
  maxResourceBytes: number;
  /** Entries in one `POST /fhir/R4` batch (it is read whole before anything is written). */
  maxBatchEntries: number;
}

export const defaultImportLimits: ImportLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxResourceBytes: 4 * 1024 * 1024,
  maxBatchEntries: 1000,
};

const bundleTypes = new Set([
  'collection',
  'transaction',
  'batch',
  'searchset',
  'document',
  'message',
  'history',
]);

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : 'read error');

/**
 * In JSON text, a NUL or a lone surrogate can only arrive as a `\u0000` or `\uD800`-`\uDFFF` escape (raw bytes
 * are either invalid JSON or decode to U+FFFD): text without such an escape needs no walk.
 */
const suspiciousEscape = /\\u(?:0000|[dD][89abcdefABCDEF])/;

/** A resource PostgreSQL could not store as text or JSON is reported, not sent to the database. */
function unsafeTextProblem(resource: Record<string, unknown>): string | null {
  const at = findUnsafeText(resource);
  if (at === null) return null;
  const id = typeof resource.id === 'string' && isSafeText(resource.id) ? `/${resource.id}` : '';
  return `${String(resource.resourceType)}${id}: ${at} contains a NUL character or an unpaired surrogate`;
}

/**
 * Splits a byte stream into lines without ever holding more than `maxBytes` of one line: a longer line is
 * skipped to its end and reported by its number.
 */
async function* splitLines(
  stream: Readable,
  maxBytes: number,
): AsyncGenerator<{ line: number; text: string } | { line: number; tooLong: true }> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let line = 0;
  const finish = () => {
    line += 1;
    if (skipping) return { line, tooLong: true as const };
    const text = Buffer.concat(parts).toString('utf8');
    return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const raw of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!skipping && end > start) {
        if (size + end - start > maxBytes) {
          skipping = true;
          parts = [];
          size = 0;
        } else {
          parts.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (newline === -1) break;
      yield finish();
      parts = [];
      size = 0;
      skipping = false;
      start = newline + 1;
    }
  }
  if (size > 0 || skipping) yield finish();
}

/**
 * Reads NDJSON line by line: one resource per line; a broken or oversized line is reported and the rest go on.
 * A failing stream (cut off, over the upload limit) ends the document with a fatal item, or rethrows a DomainError.
 */
export async function* readNdjson(
  stream: Readable,
  source: string,
  limits: Pick<ImportLimits, 'maxResourceBytes'> = defaultImportLimits,
): AsyncGenerator<SourceItem> {
  let any = false;
  try {
    for await (const item of splitLines(stream, limits.maxResourceBytes)) {
      const { line } = item;
      if ('tooLong' in item) {
        any = true;
        yield { source, line, error: `line longer than ${limits.maxResourceBytes} bytes` };
        continue;
      }
      if (item.text.trim() === '') continue;
      any = true;
      let value: unknown;
      try {
        value = JSON.parse(item.text);
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
      const resource = value as Record<string, unknown>;
      const problem = suspiciousEscape.test(item.text) ? unsafeTextProblem(resource) : null;
      if (problem) yield { source, line, error: problem };
      else yield { source, line, resource };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    yield { source, error: `could not be read (${reasonOf(error)})`, fatal: true };
    return;
  }
  if (!any) yield { source, error: 'the file is empty (no NDJSON lines)', fatal: true };
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
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string, undefined>;
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
 * first, to refuse what is not a Bundle before reading on. Every stream of the chain is joined by `pipeline`,
 * so a parse error (or the upload failing) ends the reading here, as a fatal item: it never escapes as an
 * unhandled 'error' event. One entry may not take more than `maxResourceBytes` of input.
 */
export async function* readBundle(
  input: Readable,
  source: string,
  limits: Pick<ImportLimits, 'maxResourceBytes'> = defaultImportLimits,
  onBundle?: (bundle: { type: string | undefined }) => void,
): AsyncGenerator<SourceItem> {
  const fatal = (error: string): SourceItem => ({ source, error, fatal: true });
  let head: string;
  let stream: Readable;
  try {
    ({ head, stream } = await peekHead(input));
  } catch (error) {
    if (error instanceof DomainError) throw error;
    yield fatal(`could not be read (${reasonOf(error)})`);
    return;
  }
  const trimmed = head.trimStart();
  const refuse = (reason: string) => {
    stream.destroy();
    return fatal(reason);
  };
  if (trimmed === '') {
    yield refuse('the document is empty');
    return;
  }
  if (!trimmed.startsWith('{')) {
    yield refuse('not a JSON object (expected a FHIR Bundle)');
    return;
  }
  const sniff = sniffHead(head);
  if (sniff.resourceType !== 'Bundle') {
    yield refuse(
      sniff.resourceType ? `a ${sniff.resourceType}, not a Bundle` : 'not a FHIR Bundle (no resourceType)',
    );
    return;
  }
  if (sniff.type && !bundleTypes.has(sniff.type)) {
    yield refuse(`Bundle.type "${sniff.type}" is not a FHIR R4 Bundle type`);
    return;
  }
  onBundle?.({ type: sniff.type });
  let entryCost = 0;
  let tooLarge = false;
  let escapes = false;
  let tail = '';
  const scan = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!escapes) {
        const text = tail + chunk.toString('latin1');
        escapes = suspiciousEscape.test(text);
        tail = text.slice(-6);
      }
      callback(null, chunk);
    },
  });
  // Counts the entry being read from the parser's tokens (string and number chunks by length): an entry over
  // the limit fails before the whole of it is assembled. Reset when the reader takes an entry.
  const measure = new Transform({
    objectMode: true,
    transform(token: { name: string; value?: unknown }, _encoding, callback) {
      entryCost +=
        token.name === 'stringChunk' || token.name === 'numberChunk' ? String(token.value).length : 1;
      if (entryCost > limits.maxResourceBytes) {
        tooLarge = true;
        callback(new Error(`an entry larger than ${limits.maxResourceBytes} bytes`));
      } else callback(null, token);
    },
  });
  const entries = StreamArray.streamArray();
  let failure: unknown = null;
  pipeline(
    stream,
    scan,
    StreamJson.parser(),
    PickFilter.pick({ filter: 'entry' }),
    measure,
    entries,
    (error) => {
      if (error) failure ??= error;
    },
  );
  let index = -1;
  try {
    for await (const item of entries as AsyncIterable<{ key: number; value: unknown }>) {
      index = item.key;
      entryCost = 0;
      const entry = item.value as { resource?: unknown; fullUrl?: unknown } | null;
      const resource = entry?.resource as Record<string, unknown> | undefined;
      const at = `${source} entry[${index}]`;
      if (!resource || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
        yield { source: at, entryIndex: index, error: 'entry has no resource with a resourceType' };
        continue;
      }
      const problem = escapes ? unsafeTextProblem(resource) : null;
      if (problem) {
        yield { source: at, entryIndex: index, error: problem };
        continue;
      }
      const fullUrl =
        typeof entry?.fullUrl === 'string' && isSafeText(entry.fullUrl) ? entry.fullUrl : undefined;
      yield { source: at, entryIndex: index, resource, ...(fullUrl ? { fullUrl } : {}) };
    }
  } catch (error) {
    failure ??= error;
  } finally {
    entries.destroy();
  }
  if (failure instanceof DomainError) throw failure;
  if (failure) {
    yield {
      source: index < 0 ? source : `${source} after entry[${index}]`,
      error: tooLarge ? reasonOf(failure) : `not valid JSON (${reasonOf(failure)})`,
      fatal: true,
    };
  }
}

/**
 * The upload body, counted: past `maxBytes` the stream fails with REQUEST_TOO_LARGE (a declared
 * Content-Length over the limit is refused before reading). The request itself is never destroyed here, so
 * the answer can still be sent; the error handler closes the connection when the body was not read to its end.
 */
export function limitUpload(body: Readable, declaredLength: number | undefined, maxBytes: number): Readable {
  const tooLarge = () =>
    new DomainError('REQUEST_TOO_LARGE', `An import may send at most ${maxBytes} bytes`, {
      details: { maxBytes },
    });
  if (declaredLength !== undefined && declaredLength > maxBytes) throw tooLarge();
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(tooLarge());
      else callback(null, chunk);
    },
  });
  body.on('error', (error) => counted.destroy(error));
  counted.on('error', () => body.unpipe(counted));
  return body.pipe(counted);
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

/**
 * An uploaded document as items for the importer: the body bounded by `limits`, and a document that cannot be
 * read as a whole (empty, not a Bundle, cut off, not JSON) refused with IMPORT_DOCUMENT_INVALID instead of a
 * report. Entries read before such a problem may already be imported (imports are idempotent; send it again).
 */
export async function* readUpload(
  body: unknown,
  upload: {
    format: ImportFormat;
    name: string;
    declaredLength: number | undefined;
    /** Told the Bundle's type once its head is read. */
    onBundle?: (bundle: { type: string | undefined }) => void;
  },
  limits: ImportLimits,
): AsyncGenerator<SourceItem> {
  if (!(body instanceof Readable)) {
    throw new DomainError(
      'IMPORT_DOCUMENT_INVALID',
      'The request body is empty: send a FHIR Bundle or NDJSON',
    );
  }
  const stream = limitUpload(body, upload.declaredLength, limits.maxBytes);
  const items =
    upload.format === 'ndjson'
      ? readNdjson(stream, upload.name, limits)
      : readBundle(stream, upload.name, limits, upload.onBundle);
  for await (const item of items) {
    if ('error' in item && item.fatal) {
      throw new DomainError('IMPORT_DOCUMENT_INVALID', `${item.source}: ${item.error}`, {
        details: { source: item.source, reason: item.error },
      });
    }
    yield item;
  }
}
