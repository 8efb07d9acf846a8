import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTRPC } from '../../../trpc.js';

/**
 * 催办督办 addressed to the signed-in handler, with their answers (R3.5). Light (no charts): the desk
 * can mount it with `lazy(() => import('../supervision/urges/MyUrgesPanel.js'))`.
 */
export default function MyUrgesPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const urges = useQuery({ ...trpc.supervision.myUrges.queryOptions(), refetchInterval: 30_000 });
  const respond = useMutation(trpc.supervision.respondUrge.mutationOptions());
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const open = (urges.data ?? []).filter((urge) => urge.status !== 'responded');
  return (
    <Card size="small" title={`催办督办（待答复 ${open.length}）`} data-testid="my-urges">
      <List
        size="small"
        loading={urges.isLoading}
        locale={{ emptyText: '暂无催办督办' }}
        dataSource={urges.data ?? []}
        renderItem={(urge) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space>
                <Tag color={urge.kind === 'urge' ? 'orange' : 'red'}>{urge.kind === 'urge' ? '催办' : '督办'}</Tag>
                <span>{urge.caseNumber}</span>
                <span>{urge.message}</span>
                <span style={{ color: '#8c8c8c' }}>{urge.fromName}</span>
                {urge.replyBy && <Tag>请于{urge.replyBy}前答复</Tag>}
              </Space>
              {urge.status === 'responded' ? (
                <span style={{ color: '#389e0d' }}>已答复：{urge.response}</span>
              ) : (
                <Space.Compact style={{ width: '100%' }}>
                  <Input aria-label="答复内容" placeholder="办理情况答复" value={drafts[urge.id] ?? ''} onChange={(event) => setDrafts({ ...drafts, [urge.id]: event.target.value })} />
                  <Button
                    type="primary"
                    loading={respond.isPending}
                    onClick={async () => {
                      try {
                        await respond.mutateAsync({ urgeId: urge.id, response: drafts[urge.id] ?? '' });
                        message.success('已答复');
                        await queryClient.invalidateQueries({ queryKey: trpc.supervision.myUrges.queryKey() });
                      } catch (error) {
                        message.error((error as Error).message);
                      }
                    }}
                  >
                    答复
                  </Button>
                </Space.Compact>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
