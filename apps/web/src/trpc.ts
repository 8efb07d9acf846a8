import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterOutputs, inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@xlgl/api';
import { csrfHeaders } from './lib/csrf.js';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
/** The signed-in user as `auth.me` returns it. */
export type CurrentUser = NonNullable<RouterOutputs['auth']['me']>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Whether an error means the session is gone (expired, signed out elsewhere, user deactivated). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === 'UNAUTHORIZED';
}

/**
 * Watches every call: an UNAUTHORIZED answer (except to a sign-in attempt) means the session is over,
 * whether the call came through React Query or straight from the client (tables' `request`).
 */
export function sessionLink(onSessionLost: () => void): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => {
            if (op.path !== 'auth.signIn' && isUnauthorized(error)) onSessionLost();
            observer.error(error);
          },
          complete: () => observer.complete(),
        }),
      );
}

/**
 * The client: the session cookie and the CSRF header on every request. Calls are batched (the batch
 * leaves on a timer after the current task); a call made with `context: { skipBatch: true }` leaves at
 * once on its own — for a prefetch on pointer-down, whose answer is wanted while the click is handled.
 */
export function createClient(onSessionLost: () => void = () => undefined) {
  const common = {
    url: '/trpc',
    headers: () => csrfHeaders(document.cookie),
    fetch: (url: URL | RequestInfo, options?: RequestInit) => fetch(url, { ...options, credentials: 'include' }),
  };
  return createTRPCClient<AppRouter>({
    links: [
      sessionLink(onSessionLost),
      splitLink({ condition: (op) => op.context.skipBatch === true, true: httpLink(common), false: httpBatchLink(common) }),
    ],
  });
}

/** The query client: no retries for answers the server meant (4xx), no refetch on window focus. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => !(error instanceof TRPCClientError && error.data?.httpStatus && error.data.httpStatus < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}
