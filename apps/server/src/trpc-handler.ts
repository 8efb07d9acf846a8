import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  TRPCError,
  type AnyProcedure,
  type AnyRouter,
  type inferRouterContext,
  type ProcedureType,
  type TRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';

export type TrpcHandlerOptions<TRouter extends AnyRouter> = {
  router: TRouter;
  /** The URL prefix of procedure paths, with its trailing slash (`/trpc/`). */
  basePath: string;
  maxBodySize: number;
  createContext: (req: IncomingMessage, res: ServerResponse) => Promise<inferRouterContext<TRouter>>;
  onError: (opts: { error: TRPCError; path: string | undefined; type: ProcedureType | 'unknown'; req: IncomingMessage }) => void;
};

type Call = { path: string; procedure: AnyProcedure; index: number };
/** A plain JSON request: its calls, whether it is a batch, and the query string (a GET's input). */
type PlainRequest = { calls: Call[]; batch: boolean; search: URLSearchParams | null };

/** A procedure path as routers name them (`desk.act`, `a,b` for a batch): nothing a URL parser would rewrite. */
const plainPath = /^[A-Za-z0-9_.,-]+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === 'object';
}

function isPromiseLike(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function isAsyncIterableValue(value: unknown): boolean {
  return value != null && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** What tRPC refuses in a non-streaming answer (resolveResponse's `isDataStream`). */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterableValue(value)) return true;
  const values = Object.values(value);
  return values.some(isPromiseLike) || values.some(isAsyncIterableValue);
}

function jsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * The tRPC endpoint over node:http. Plain JSON calls — a query by GET or a mutation by POST, alone or
 * batched (`?batch=1`), as the web app's httpLink/httpBatchLink send them — are answered here
 * straight from the Node request and response: the body is read as one buffer, the procedures are
 * called as tRPC's `resolveResponse` calls them (same context, input, middlewares, error shapes,
 * `onError`, HTTP status), and the JSON answer is written with a Content-Length in one piece. tRPC's own
 * adapter builds a Fetch `Request` (URL, Headers, AbortController, a ReadableStream of the body) and
 * a `Response` it then streams back chunked for each call, which costs more CPU than the rest of the
 * HTTP work of a small call. Everything else — subscriptions (SSE), streaming batches (jsonl), form
 * data, HEAD, unknown paths, wrong methods or content types, bodies without a length or over the
 * limit — goes to tRPC's standard handler unchanged, which also produces its refusals.
 */
export function createTrpcHandler<TRouter extends AnyRouter>(
  options: TrpcHandlerOptions<TRouter>,
): (req: IncomingMessage, res: ServerResponse, rawUrl: string) => void {
  const { router, basePath, maxBodySize } = options;
  const config = router._def._config;
  const procedures = router._def.procedures as Record<string, AnyProcedure | undefined>;

  const standard = createHTTPHandler({
    router,
    basePath,
    maxBodySize,
    createContext: ({ req, res }) => options.createContext(req, res),
    onError: ({ error, path, type, req }) => options.onError({ error, path, type, req }),
  });

  /** The calls of a plain JSON request, or null when tRPC's standard handler should answer it. */
  function plainCalls(req: IncomingMessage, rawPath: string, batch: boolean): Call[] | null {
    const method = req.method;
    if (method !== 'GET' && method !== 'POST') return null;
    const headers = req.headers;
    if (headers['trpc-accept'] !== undefined || headers.accept?.includes('application/jsonl')) return null;
    const contentType = headers['content-type'];
    if (method === 'POST') {
      if (!jsonContentType(contentType) || headers['transfer-encoding'] !== undefined) return null;
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length) || length > maxBodySize) return null;
    } else if (contentType !== undefined && !jsonContentType(contentType)) {
      return null;
    }
    if (!plainPath.test(rawPath)) return null;
    const paths = batch ? rawPath.split(',') : [rawPath];
    const wanted = method === 'GET' ? 'query' : 'mutation';
    const calls: Call[] = [];
    for (const [index, path] of paths.entries()) {
      const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
      if (!procedure || procedure._def.type !== wanted) return null;
      calls.push({ path, procedure, index });
    }
    return calls;
  }

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
      req.on('aborted', () => reject(new TRPCError({ code: 'CLIENT_CLOSED_REQUEST', message: 'Request aborted' })));
    });
  }

  async function answer(req: IncomingMessage, res: ServerResponse, plain: PlainRequest): Promise<void> {
    const { calls, batch, search } = plain;
    const body = req.method === 'POST' ? readBody(req) : null;
    // A body nobody reads (the context failed) must not fail the process when the client goes away.
    body?.catch(() => undefined);
    // Inputs are read and parsed once, when the first procedure asks for its input (as tRPC does).
    let inputs: Promise<Record<number, unknown>> | undefined;
    let parsedInputs: Record<number, unknown> | undefined;
    const readInputs = () =>
      (inputs ??= (async () => {
        let raw: unknown;
        if (body) raw = JSON.parse(await body);
        else {
          const query = search?.get('input');
          if (query) raw = JSON.parse(query);
        }
        const result: Record<number, unknown> = {};
        if (raw !== undefined) {
          if (!batch) result[0] = config.transformer.input.deserialize(raw);
          else {
            if (!isObject(raw)) throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
            for (const call of calls) {
              const value = raw[call.index];
              if (value !== undefined) result[call.index] = config.transformer.input.deserialize(value);
            }
          }
        }
        parsedInputs = result;
        return result;
      })().catch((cause: unknown) => {
        // As tRPC's input reader: an unreadable input is the client's error.
        if (cause instanceof TRPCError) throw cause;
        throw new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
      }));

    let ctx: inferRouterContext<TRouter> | undefined;
    let contextError: TRPCError | undefined;
    try {
      ctx = await options.createContext(req, res);
    } catch (cause) {
      contextError = getTRPCErrorFromUnknown(cause);
    }

    const results = await Promise.all(
      calls.map(async (call): Promise<[TRPCError, undefined] | [undefined, unknown]> => {
        try {
          if (contextError) throw contextError;
          const data: unknown = await call.procedure({
            path: call.path,
            getRawInput: async () => (await readInputs())[call.index],
            ctx,
            type: call.procedure._def.type,
            signal: undefined,
            batchIndex: call.index,
          });
          return [undefined, data];
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          options.onError({ error, path: call.path, type: call.procedure._def.type, req });
          return [error, undefined];
        }
      }),
    );
    const streamRefused = () =>
      new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink' });
    const outcomes = results.map(([error, data], index): TRPCResponse => {
      const call = calls[index]!;
      const type = call.procedure._def.type;
      if (!error && isDataStream(data)) {
        if (batch) error = streamRefused();
        else {
          // tRPC refuses a single call's stream-like result outside the call: no path, no input.
          const refused = streamRefused();
          options.onError({ error: refused, path: undefined, type, req });
          return { error: getErrorShape({ config, ctx, error: refused, input: undefined, path: undefined, type }) };
        }
      }
      if (error) return { error: getErrorShape({ config, ctx, error, input: parsedInputs?.[call.index], path: call.path, type }) };
      return { result: { data } };
    });
    const untransformed = batch ? outcomes : outcomes[0]!;
    const text = JSON.stringify(transformTRPCResponse(config, untransformed));
    res.statusCode = getHTTPStatusCode(untransformed);
    res.setHeader('vary', 'trpc-accept, accept');
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text);
  }

  /** The last resort for a failure outside the procedures (tRPC's own `internal_exceptionHandler`). */
  function fail(req: IncomingMessage, res: ServerResponse, cause: unknown): void {
    const error = getTRPCErrorFromUnknown(cause);
    options.onError({ error, path: undefined, type: 'unknown', req });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const shape = getErrorShape({ config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined });
    const text = JSON.stringify(transformTRPCResponse(config, { error: shape }));
    res.statusCode = shape.data.httpStatus;
    res.setHeader('content-type', 'application/json');
    res.end(text);
  }

  return (req, res, rawUrl) => {
    const queryAt = rawUrl.indexOf('?');
    const pathname = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = queryAt < 0 ? null : new URLSearchParams(rawUrl.slice(queryAt + 1));
    if (pathname.startsWith(basePath) && !search?.has('connectionParams')) {
      const batch = search?.get('batch') === '1';
      const calls = plainCalls(req, pathname.slice(basePath.length), batch);
      if (calls) {
        answer(req, res, { calls, batch, search }).catch((cause: unknown) => fail(req, res, cause));
        return;
      }
    }
    standard(req, res);
  };
}
