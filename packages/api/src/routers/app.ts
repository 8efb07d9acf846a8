import { requires, router } from '../trpc.js';
import { studioSummary } from '../services/studio/summary.js';
import { authRouter } from './auth.js';
import { deskRouter } from './desk/index.js';
import { documentsRouter } from './admin/documents.js';
import { organizationsRouter, regionsRouter } from './admin/trees.js';
import { usersRouter } from './admin/users.js';
import { backupRouter } from './admin/backup.js';
import { reportsRouter } from './reports.js';
import { supervisionRouter } from './supervision/index.js';
import { certificatesRouter } from './certificates.js';
import { verifyRouter } from './public/verify.js';
import { progressRouter } from './public/progress.js';
import { studioTemplatesRouter } from './studio/templates.js';
import { studioFlowsRouter } from './studio/flows.js';
import { studioFormsRouter } from './studio/forms.js';
import { studioItemsRouter } from './studio/items.js';

/** The whole API. Every procedure is built from `procedure` in trpc.ts and declares its access. */
export const appRouter = router({
  auth: authRouter,
  supervision: supervisionRouter,
  reports: reportsRouter,
  certificates: certificatesRouter,
  verify: verifyRouter,
  progress: progressRouter,
  templates: studioTemplatesRouter,
  desk: deskRouter,
  admin: router({
    documents: documentsRouter,
    regions: regionsRouter,
    organizations: organizationsRouter,
    users: usersRouter,
    backup: backupRouter,
  }),
  studio: router({
    /** 配置中心 landing page: items by state, the reviewer's queue, documents and drafts by kind. */
    summary: requires('studio.access').query(({ ctx }) => studioSummary(ctx.db, ctx.user!)),
    flows: studioFlowsRouter,
    forms: studioFormsRouter,
    items: studioItemsRouter,
  }),
});

export type AppRouter = typeof appRouter;
