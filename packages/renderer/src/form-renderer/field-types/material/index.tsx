import { Button, Upload, message } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { connect, mapReadPretty, useField } from '@formily/react';
import type { MaterialFile } from '@xlgl/schema';
import type { FieldRenderer } from '../../fieldRenderer.js';
import { useRendererServices } from '../../RendererContext.js';

type Props = {
  value?: MaterialFile[];
  onChange?: (files: MaterialFile[] | undefined) => void;
  disabled?: boolean;
  materialId: string;
  accept: string[];
  maxSizeMb: number;
  maxFiles: number;
};

/** Upload slot bound to an item material; files go through the host's `onUpload` (shared library). */
function MaterialUploadBase(props: Props) {
  const field = useField();
  const { onUpload } = useRendererServices();
  const files = props.value ?? [];
  return (
    <Upload
      multiple={props.maxFiles > 1}
      accept={props.accept.map((extension) => `.${extension}`).join(',')}
      disabled={props.disabled || !onUpload}
      fileList={files.map((file) => ({ uid: file.fileId, name: file.name, size: file.size, status: 'done' as const }))}
      beforeUpload={(file) => {
        const extension = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : '';
        if (!props.accept.includes(extension)) {
          void message.error(`只接受${props.accept.join('、')}文件`);
          return Upload.LIST_IGNORE;
        }
        if (file.size > props.maxSizeMb * 1024 * 1024) {
          void message.error(`单个文件不能超过${props.maxSizeMb}MB`);
          return Upload.LIST_IGNORE;
        }
        if (files.length >= props.maxFiles) {
          void message.error(`最多上传${props.maxFiles}个文件`);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={async (request) => {
        try {
          const stored = await onUpload!(request.file as File, { fieldId: String(field.props.name), materialId: props.materialId });
          const current = ((field as unknown as { value?: MaterialFile[] }).value ?? []).filter((file) => file.fileId !== stored.fileId);
          props.onChange?.([...current, stored]);
          request.onSuccess?.(stored);
        } catch (error) {
          void message.error(`上传失败：${error instanceof Error ? error.message : String(error)}`);
          request.onError?.(error as Error);
        }
      }}
      onRemove={(file) => {
        const next = files.filter((entry) => entry.fileId !== file.uid);
        props.onChange?.(next.length ? next : undefined);
      }}
    >
      <Button icon={<UploadOutlined />} disabled={props.disabled || !onUpload}>
        上传材料
      </Button>
    </Upload>
  );
}

function MaterialList(props: Props) {
  const { fileUrl } = useRendererServices();
  if (!props.value?.length) return <span>—</span>;
  return (
    <ul className="xlgl-material-list">
      {props.value.map((file) => (
        <li key={file.fileId}>{fileUrl ? <a href={fileUrl(file.fileId)}>{file.name}</a> : file.name}</li>
      ))}
    </ul>
  );
}

export const MaterialUpload = connect(MaterialUploadBase, mapReadPretty(MaterialList));

export const materialRenderer = {
  componentName: 'XlglMaterial',
  component: MaterialUpload,
  valueType: 'array',
  props: (field) => ({
    materialId: field.settings.materialId,
    accept: field.settings.accept,
    maxSizeMb: field.settings.maxSizeMb,
    maxFiles: field.settings.maxFiles,
  }),
} satisfies FieldRenderer;
