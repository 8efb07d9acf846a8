import { lookupProgress, progressLookupInput } from '../../services/cases/public-progress.js';
import { publicProcedure, router } from '../../trpc.js';

/** The applicant's progress page (/progress): no sign-in, case number + query password, rate-limited. */
export const progressRouter = router({
  /** A mutation (POST) so the query password never appears in a URL or an access log. */
  lookup: publicProcedure.input(progressLookupInput).mutation(({ ctx, input }) => lookupProgress(ctx.db, { input, ip: ctx.request.ip, now: ctx.now() })),
});
