import type { AppRouter } from '@perch/server/router';
import type { ErrorCode } from '@perch/shared';
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { http, HttpResponse } from 'msw';

type Api = TRPCOptionsProxy<AppRouter>;

/** 'auth.me' | 'members.invite' | ... for every procedure of the router. */
export type ProcedurePath = {
  [A in Extract<keyof Api, string>]: {
    [B in Extract<keyof Api[A], string>]: Api[A][B] extends { '~types': object } ? `${A}.${B}` : never;
  }[Extract<keyof Api[A], string>];
}[Extract<keyof Api, string>];

type ProcedureAt<P extends ProcedurePath> = P extends `${infer A}.${infer B}`
  ? A extends keyof Api
    ? B extends keyof Api[A]
      ? Api[A][B]
      : never
    : never
  : never;

type Input<P extends ProcedurePath> = ProcedureAt<P> extends { '~types': { input: infer I } } ? I : never;
type Output<P extends ProcedurePath> = ProcedureAt<P> extends { '~types': { output: infer O } } ? O : never;

export type Resolver<P extends ProcedurePath> = (input: Input<P>, request: Request) => Output<P> | Promise<Output<P>>;
export type Resolvers = { [P in ProcedurePath]?: Resolver<P> };

const HTTP: Record<ErrorCode, { code: string; json: number; status: number }> = {
  UNAUTHENTICATED: { code: 'UNAUTHORIZED', json: -32001, status: 401 },
  NOT_FOUND: { code: 'NOT_FOUND', json: -32004, status: 404 },
  FORBIDDEN: { code: 'FORBIDDEN', json: -32003, status: 403 },
  PAYMENT_REQUIRED: { code: 'PAYMENT_REQUIRED', json: -32002, status: 402 },
  CONFLICT: { code: 'CONFLICT', json: -32009, status: 409 },
  VALIDATION: { code: 'BAD_REQUEST', json: -32600, status: 400 },
  INVALID_CREDENTIALS: { code: 'UNAUTHORIZED', json: -32001, status: 401 },
  TOO_MANY_ATTEMPTS: { code: 'TOO_MANY_REQUESTS', json: -32029, status: 429 },
  WEAK_PASSWORD: { code: 'BAD_REQUEST', json: -32600, status: 400 },
  INVITATION_INVALID: { code: 'NOT_FOUND', json: -32004, status: 404 },
  INVITATION_EXPIRED: { code: 'BAD_REQUEST', json: -32600, status: 400 },
  INVITATION_USED: { code: 'BAD_REQUEST', json: -32600, status: 400 },
  INVITATION_EMAIL_MISMATCH: { code: 'BAD_REQUEST', json: -32600, status: 400 },
  LAST_OWNER: { code: 'BAD_REQUEST', json: -32600, status: 400 },
  ALREADY_MEMBER: { code: 'CONFLICT', json: -32009, status: 409 },
  CSRF: { code: 'FORBIDDEN', json: -32003, status: 403 },
  INTERNAL: { code: 'INTERNAL_SERVER_ERROR', json: -32603, status: 500 },
  SECOND_FACTOR_REQUIRED: { code: 'FORBIDDEN', json: -32003, status: 403 },
  INVALID_CODE: { code: 'BAD_REQUEST', json: -32600, status: 400 },
  SIGN_IN_EXPIRED: { code: 'BAD_REQUEST', json: -32600, status: 400 },
};

/** Throw this from a resolver to answer like the server's error formatter (`error.data.perchCode`...). */
export class TrpcMockError extends Error {
  constructor(
    readonly perchCode: ErrorCode,
    readonly extra: { fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> } = {},
  ) {
    super(perchCode);
  }
}
export const trpcError = (perchCode: ErrorCode, extra?: TrpcMockError['extra']) => new TrpcMockError(perchCode, extra);

export interface RecordedCall {
  path: string;
  input: unknown;
  method: string;
  headers: Headers;
}

/** Every procedure call the mocks answered, in order (cleared by `resetCalls()`). */
export const calls: RecordedCall[] = [];
const unmocked: string[] = [];

export function resetCalls(): void {
  calls.length = 0;
}

export function callsTo(path: ProcedurePath): RecordedCall[] {
  return calls.filter((c) => c.path === path);
}

/** Fails the test when the app called a procedure no test resolver answered. */
export function assertAllCallsMocked(): void {
  const missing = unmocked.splice(0);
  resetCalls();
  if (missing.length) throw new Error(`tRPC procedures called without a mock: ${[...new Set(missing)].join(', ')}`);
}

async function inputsOf(request: Request, url: URL, batch: boolean, count: number): Promise<unknown[]> {
  let raw: unknown;
  if (request.method === 'GET') {
    const param = url.searchParams.get('input');
    raw = param === null ? undefined : JSON.parse(param);
  } else {
    const text = await request.text();
    raw = text ? JSON.parse(text) : undefined;
  }
  if (!batch) return [raw];
  const byIndex = (raw ?? {}) as Record<string, unknown>;
  return Array.from({ length: count }, (_, i) => byIndex[String(i)]);
}

/**
 * msw handlers speaking tRPC's HTTP protocol (batched GET queries and POST mutations, no transformer), answering
 * each procedure with its resolver. Results are typed by the real AppRouter.
 */
export function trpcHandlers(resolvers: Resolvers) {
  const handle = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const paths = decodeURIComponent(url.pathname.replace(/^.*\/trpc\//, '')).split(',');
    const batch = url.searchParams.get('batch') === '1';
    const inputs = await inputsOf(request, url, batch, paths.length);
    const results = await Promise.all(
      paths.map(async (path, i) => {
        const input = inputs[i];
        calls.push({ path, input, method: request.method, headers: request.headers });
        const resolver = (resolvers as Record<string, ((input: unknown, request: Request) => unknown) | undefined>)[
          path
        ];
        try {
          if (!resolver) {
            unmocked.push(path);
            throw new TrpcMockError('INTERNAL');
          }
          // JSON round trip: the client sees exactly what the wire carries (dates as strings).
          const data = JSON.parse(JSON.stringify((await resolver(input, request)) ?? null)) as unknown;
          return { status: 200, body: { result: { data } } };
        } catch (error) {
          if (!(error instanceof TrpcMockError)) throw error;
          const http = HTTP[error.perchCode];
          return {
            status: http.status,
            body: {
              error: {
                message: error.perchCode,
                code: http.json,
                data: {
                  code: http.code,
                  httpStatus: http.status,
                  path,
                  perchCode: error.perchCode,
                  fieldErrors: error.extra.fieldErrors,
                  details: error.extra.details,
                },
              },
            },
          };
        }
      }),
    );
    const statuses = new Set(results.map((r) => r.status));
    const status = statuses.size === 1 ? results[0]!.status : 207;
    return HttpResponse.json(batch ? results.map((r) => r.body) : results[0]!.body, { status });
  };
  return [http.get('*/trpc/*', handle), http.post('*/trpc/*', handle)];
}
