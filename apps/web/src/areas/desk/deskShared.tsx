import { Tag } from 'antd';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import type { AppRouter } from '@xlgl/api';
import type { RouterOutputs } from '../../trpc.js';

export type InboxRow = RouterOutputs['desk']['inbox']['rows'][number];
export type CaseDetail = RouterOutputs['desk']['case'];

const timeStatusLooks = {
  green: { color: 'success', text: '正常' },
  yellow: { color: 'warning', text: '临近时限' },
  red: { color: 'error', text: '已超期' },
  none: { color: 'default', text: '—' },
} as const;

/** The time-status colour of a case or task (green / yellow / red from the engine's deadlines). */
export function TimeStatusTag({ status, paused }: { status: keyof typeof timeStatusLooks; paused?: boolean }) {
  if (paused) return <Tag color="processing">暂停计时</Tag>;
  const look = timeStatusLooks[status];
  return (
    <Tag color={look.color} data-time-status={status}>
      {look.text}
    </Tag>
  );
}

export const caseStatusText = (status: string, outcome: string | null) =>
  status === 'running' ? '办理中' : outcome === 'approved' ? '已办结（准予）' : outcome === 'refused' ? '不予受理' : outcome === 'rejected' ? '已办结（不予许可）' : outcome === 'withdrawn' ? '已撤回' : '已办结';

/** Common opinions (常用意见) offered beside every opinion box. */
export const opinionPhrases = ['同意', '材料齐全，符合法定形式，同意受理', '经审查，符合条件，同意', '材料不齐全，请补正', '不符合受理条件', '请按要求修改后重新提交', '情况属实，拟同意'];

/** The SSE client for live desk events (a separate link: the app's batched HTTP link does not stream). */
export function createDeskEventsClient() {
  return createTRPCClient<AppRouter>({ links: [httpSubscriptionLink({ url: '/trpc' })] });
}

export const fenToYuan = (fen: number) => `${(fen / 100).toFixed(2)}元`;

/** Saves a base64 PDF as a download. */
export function downloadPdf(file: { fileName: string; pdfBase64: string }): void {
  const bytes = Uint8Array.from(atob(file.pdfBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
