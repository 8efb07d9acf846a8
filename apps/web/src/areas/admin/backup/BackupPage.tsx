import { CloudDownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../lib/serverErrors.js';
import { useTRPC, useTRPCClient } from '../../../trpc.js';
import { describeCron, formatBytes } from './backupFormat.js';
import { chinaDateTime } from '../../../lib/chinaTime.js';

type SettingsValues = { enabled: boolean; cron: string; keep: number };

/** Fetches a backup chunk by chunk (the API sends base64 pieces) and hands the file to the browser. */
function useDownload() {
  const client = useTRPCClient();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const download = async (name: string) => {
    const parts: Uint8Array[] = [];
    let offset: number | null = 0;
    setProgress({ name, percent: 0 });
    try {
      while (offset !== null) {
        const chunk: { data: string; total: number; next: number | null } = await client.admin.backup.download.query({ name, offset });
        parts.push(Uint8Array.from(atob(chunk.data), (character) => character.charCodeAt(0)));
        offset = chunk.next;
        setProgress({ name, percent: chunk.total === 0 ? 100 : Math.round(((chunk.next ?? chunk.total) / chunk.total) * 100) });
      }
      const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'application/gzip' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      URL.revokeObjectURL(url);
    } finally {
      setProgress(null);
    }
  };
  return { download, progress };
}

/** 系统管理 → 备份与恢复: schedule and retention, backups on disk, run now, download. */
export function BackupPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const settings = useQuery(trpc.admin.backup.settings.queryOptions());
  const backups = useQuery(trpc.admin.backup.list.queryOptions());
  const save = useMutation(trpc.admin.backup.saveSettings.mutationOptions());
  const runNow = useMutation(trpc.admin.backup.runNow.mutationOptions());
  const { download, progress } = useDownload();
  const cron = Form.useWatch('cron', form);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.settings);
  }, [settings.data, form]);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.backup.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.admin.backup.settings.queryKey() }),
    ]);

  const submit = async (values: SettingsValues) => {
    try {
      await save.mutateAsync(values);
      await refresh();
      message.success(values.enabled ? `已保存：${describeCron(values.cron)}自动备份，保留最近${values.keep}份` : '已保存：定时备份已停用');
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const backupNow = async () => {
    try {
      const result = await runNow.mutateAsync();
      await refresh();
      message.success(
        `备份完成：${result.name}（${result.tables}张表，${result.rows}行，${formatBytes(result.bytes)}）${result.pruned.length ? `，已按保留份数删除${result.pruned.length}份旧备份` : ''}`,
      );
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  if (settings.error) return <Alert type="error" showIcon message={errorMessage(settings.error)} />;

  return (
    <PageContainer title="备份与恢复" loading={settings.isLoading}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title="定时备份">
          <Form<SettingsValues> form={form} layout="inline" onFinish={submit} name="backup-settings">
            <Form.Item label="启用" name="enabled" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item
              label="备份时间（cron，北京时间）"
              name="cron"
              rules={[{ required: true, whitespace: true, message: '请填写备份时间' }]}
              extra={cron ? describeCron(cron) : '例如“30 2 * * *”表示每天2:30'}
            >
              <Input style={{ width: 160 }} placeholder="30 2 * * *" />
            </Form.Item>
            <Form.Item label="保留份数" name="keep" rules={[{ required: true, message: '请填写保留份数' }]}>
              <InputNumber min={1} max={365} precision={0} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存
              </Button>
            </Form.Item>
          </Form>
          {settings.data && !settings.data.scheduler && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              message="任务队列未启动（QUEUE=0），定时备份不会执行；“立即备份”仍可使用"
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            备份目录：{settings.data?.directory}。备份为压缩的逻辑导出（全部数据表，含表单数据表），附清单、行数与校验和。
          </Typography.Paragraph>
        </Card>

        <Card
          title="已有备份"
          extra={
            <Button type="primary" icon={<PlayCircleOutlined />} loading={runNow.isPending} onClick={backupNow}>
              立即备份
            </Button>
          }
        >
          <Table
            rowKey="name"
            size="middle"
            loading={backups.isLoading}
            dataSource={backups.data ?? []}
            pagination={false}
            locale={{ emptyText: '还没有备份' }}
            columns={[
              { title: '文件', dataIndex: 'name' },
              {
                title: '时间',
                dataIndex: 'createdAt',
                render: (value: string) => chinaDateTime(value),
              },
              { title: '大小', dataIndex: 'bytes', render: (value: number) => formatBytes(value) },
              { title: '表', dataIndex: 'tables', render: (value: number | null) => value ?? '—' },
              { title: '行', dataIndex: 'rows', render: (value: number | null) => value ?? '—' },
              {
                title: '操作',
                key: 'download',
                render: (_, row) => (
                  <Button
                    icon={<CloudDownloadOutlined />}
                    loading={progress?.name === row.name}
                    onClick={() => void download(row.name).catch((error) => message.error(errorMessage(error)))}
                  >
                    {progress?.name === row.name ? `下载中 ${progress.percent}%` : '下载'}
                  </Button>
                ),
              },
            ]}
          />
        </Card>

        <Alert
          type="warning"
          showIcon
          message="恢复只能在服务器命令行执行"
          description={
            <>
              恢复会把备份写入一个<strong>空的</strong>
              数据库，并在一个事务中逐表核对行数与校验和，任何不一致都会全部回滚。步骤：停止服务器； PGlite 把现有数据目录移走（或设置新的
              DATA_DIR），PostgreSQL 新建一个空数据库并设置 DATABASE_URL；然后执行
              <Typography.Text code>npm run restore -- 备份文件</Typography.Text>，确认警告后输入 yes；最后执行
              <Typography.Text code>npm run doctor</Typography.Text> 检查数据一致性，再启动服务器。
            </>
          }
        />
      </Space>
    </PageContainer>
  );
}
