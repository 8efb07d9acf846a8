import { availableActions, type CaseState } from '@xlgl/engine';
import type { FlowDocument } from '@xlgl/schema';
import type { Db } from '@xlgl/db';
import { act, loadActor, loadCaseHead, readDocumentVersion } from '../cases/index.js';
import type { CertificatePrintedEvent } from './recordPrint.js';

/**
 * The certificate-print gate (T4): the first print of a certificate issued for a case applies the
 * engine's `record-print` action through the desk's case service, inside the print transaction, when
 * the case is waiting at its print gate. A failing transition rolls the print record back.
 */
export async function recordPrintOnCase(tx: Db, event: CertificatePrintedEvent): Promise<void> {
  if (event.reprint) return;
  const head = await loadCaseHead(tx, event.caseId);
  const state = head.state as unknown as CaseState;
  if (state.status !== 'running' || state.facts?.certificatePrinted) return;
  const flow = await readDocumentVersion<FlowDocument>(tx, 'flow', head.flowId, head.flowVersion);
  const actor = await loadActor(tx, event.actor);
  if (!availableActions(flow, state, actor).some((action) => action.type === 'record-print')) return;
  await act(tx, { actor, now: event.now, input: { caseId: event.caseId, expectedVersion: head.version, action: { type: 'record-print', certificateNo: event.certificateNumber } } });
}
