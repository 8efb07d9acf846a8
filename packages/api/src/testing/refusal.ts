import { TRPCError } from '@trpc/server';

/**
 * The code and message of the tRPC error a call is refused with (error messages are part of the
 * interface, so tests assert both). Throws when the call succeeds or fails with anything else.
 */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused');
}
