import { AppError } from '@/lib/errors';

// Every JSON body is read here: route() in lib/http.ts and the ingest routes. The size is
// counted while reading (after gunzip, so a small compressed body cannot expand without
// limit); Content-Length only refuses early, it is never trusted, and a chunked body has none.

export type ReadJsonOptions = {
  maxBytes: number;
  /** Content-Encoding: gzip is accepted and counted decompressed. */
  gzip?: boolean;
  /** Appended to every refusal, e.g. "nothing was stored". */
  note?: string;
  /** What to do about a body over the limit, e.g. "send smaller batches". */
  tooLargeAdvice?: string;
};

const NUL = '\u0000';

type Refuse = (code: 'bad_request' | 'payload_too_large', message: string) => AppError;
const refuser = (options: ReadJsonOptions): Refuse => (code, message) => new AppError(code, options.note ? `${message}; ${options.note}` : message);

/** The body's bytes, at most `maxBytes` of them (a 413 past that), stopping as soon as the limit is passed. */
export async function readBodyBytes(request: Request, options: ReadJsonOptions): Promise<Uint8Array<ArrayBuffer>> {
  const refuse = refuser(options);
  const tooLarge = () =>
    refuse('payload_too_large', `Body is larger than ${options.maxBytes.toLocaleString('en-US')} bytes${options.tooLargeAdvice ? `; ${options.tooLargeAdvice}` : ''}`);
  if (Number(request.headers.get('content-length') ?? 0) > options.maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const gzip = options.gzip === true && request.headers.get('content-encoding')?.trim().toLowerCase() === 'gzip';
  const stream: ReadableStream<Uint8Array> = gzip
    ? request.body.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
    : request.body;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse('bad_request', gzip ? 'Body could not be read: it is not valid gzip' : 'Body could not be read');
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body parsed as JSON, or undefined when it is empty; a 413 or 400 with a clear message otherwise. */
export async function readJsonBody(request: Request, options: ReadJsonOptions): Promise<unknown> {
  const refuse = refuser(options);
  const bytes = await readBodyBytes(request, options);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse('bad_request', 'Body is not valid UTF-8 JSON');
  }
  if (!text.trim()) return undefined;
  try {
    // Postgres text cannot hold NUL: refused here, with a message, rather than as a database error.
    return JSON.parse(text, (key, value: unknown) => {
      if (key.includes(NUL) || (typeof value === 'string' && value.includes(NUL))) throw new NulError();
      return value;
    }) as unknown;
  } catch (error) {
    if (error instanceof NulError) throw refuse('bad_request', 'Body contains a NUL character (\\u0000), which no text field can hold; remove it');
    throw refuse('bad_request', 'Body is not valid JSON');
  }
}

class NulError extends Error {}

/** A query parameter, path segment or field that would reach Postgres with a NUL in it. */
export function hasNul(value: string): boolean {
  return value.includes(NUL);
}
