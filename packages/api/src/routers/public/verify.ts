import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { verifyByToken, verifyUpload } from '../../services/certificates/index.js';
import { publicProcedure, router } from '../../trpc.js';

/** Largest PDF the public page accepts (a certificate is ≈ 60 kB). */
const maxUploadBytes = 5 * 1024 * 1024;

/** The public verification page's API: no sign-in. */
export const verifyRouter = router({
  /** The QR code's URL carries the certificate id and a random token. */
  byToken: publicProcedure
    .input(z.object({ id: z.string().uuid({ message: '二维码内容不完整' }), token: z.string().min(8).max(100) }))
    .query(({ ctx, input }) => verifyByToken(ctx.db, { id: input.id, token: input.token, now: ctx.now() })),

  /** An uploaded PDF (base64): any changed byte makes it altered. */
  upload: publicProcedure
    .input(z.object({ base64: z.string().max(Math.ceil((maxUploadBytes * 4) / 3) + 4, { message: '文件不能超过 5 MB' }) }))
    .mutation(({ ctx, input }) => {
      const pdf = new Uint8Array(Buffer.from(input.base64, 'base64'));
      if (pdf.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: '请上传 PDF 文件' });
      return verifyUpload(ctx.db, { pdf, now: ctx.now() });
    }),
});
