import { Space, Tag } from 'antd';

/** A studio designer's page title: the document's name, the version in force, and whether a draft or unsaved changes exist. */
export function DesignerTitle({
  name,
  publishedVersion,
  hasDraft,
  dirty,
}: {
  name: string;
  publishedVersion?: number | null;
  hasDraft: boolean;
  dirty: boolean;
}) {
  return (
    <Space>
      {name}
      {publishedVersion ? <Tag color="green">已发布 第{publishedVersion}版</Tag> : <Tag>未发布</Tag>}
      {(dirty || hasDraft) && <Tag color="orange">{dirty ? '未保存的修改' : '草稿'}</Tag>}
    </Space>
  );
}
