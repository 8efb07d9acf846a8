import { HistoryOutlined } from '@ant-design/icons';
import { Button, Drawer, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { chinaDateTime } from '../../../lib/chinaTime.js';

/** One published version as the studio's `history` procedures list it. */
export type VersionEntry = { version: number; current: boolean; createdAt: string; createdBy: string };

/**
 * The 版本 button of a studio designer and the drawer it opens: every published version, the one in
 * force marked. The list is fetched when the drawer opens (`history` is a query started by hand).
 */
export function VersionHistoryButton({ history }: { history: { data?: VersionEntry[]; isFetching: boolean; refetch: () => unknown } }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<HistoryOutlined />}
        onClick={() => {
          setOpen(true);
          void history.refetch();
        }}
      >
        版本
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title="版本记录" width={420}>
        <List
          loading={history.isFetching}
          dataSource={history.data ?? []}
          locale={{ emptyText: '尚未发布过' }}
          renderItem={(entry) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space>
                  第{entry.version}版 {entry.current && <Tag color="green">使用中</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {chinaDateTime(entry.createdAt)} · {entry.createdBy}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Drawer>
    </>
  );
}
