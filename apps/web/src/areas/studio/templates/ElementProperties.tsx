import { Checkbox, Divider, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import type { TemplateElement } from '@xlgl/schema';
import { templateElementTypes } from '@xlgl/schema';

export type BindingOption = { value: string; label: string };

type Props = {
  element: TemplateElement;
  formFields: BindingOption[];
  caseKeys: BindingOption[];
  organizations: BindingOption[];
  onChange: (patch: Partial<TemplateElement>) => void;
};

const formats = [
  { value: 'plain', label: '原样' },
  { value: 'date-cn', label: '中文日期（2026年11月27日）' },
  { value: 'money-cn', label: '大写金额（壹仟贰佰元整）' },
  { value: 'money', label: '金额（1,200.00元）' },
];

/** The properties panel of the selected element: position, size, text, binding, format, font, alignment. */
export function ElementProperties({ element, formFields, caseKeys, organizations, onChange }: Props) {
  const bindingValue = element.binding ? (element.binding.source === 'form' ? `form:${element.binding.fieldId}` : `case:${element.binding.key}`) : undefined;
  const bindable = element.type === 'field' || element.type === 'list' || element.type === 'qr';
  const textual = element.type === 'text' || element.type === 'field' || element.type === 'list';
  const number = (key: 'x' | 'y' | 'width' | 'height' | 'fontSize', label: string, min: number) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <InputNumber aria-label={label} size="small" min={min} max={2000} step={1} value={element[key]} onChange={(value) => value !== null && onChange({ [key]: value })} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Form layout="vertical" size="small" data-testid="element-properties">
      <Typography.Text type="secondary">
        {templateElementTypes[element.type]} · {element.id}
      </Typography.Text>
      <Divider style={{ margin: '8px 0' }}>位置与大小（毫米）</Divider>
      <Space.Compact block>
        {number('x', '左边距', 0)}
        {number('y', '上边距', 0)}
      </Space.Compact>
      <Space.Compact block>
        {number('width', '宽', 1)}
        {number('height', '高', 1)}
      </Space.Compact>
      {element.type === 'text' && (
        <Form.Item label="文字" style={{ marginBottom: 8 }}>
          <Input.TextArea aria-label="文字" autoSize={{ minRows: 1, maxRows: 4 }} value={element.text} onChange={(event) => onChange({ text: event.target.value })} />
        </Form.Item>
      )}
      {bindable && (
        <Form.Item label={element.type === 'qr' ? '二维码内容（签发时使用核验或进度网址）' : '绑定数据'} style={{ marginBottom: 8 }}>
          <Select
            aria-label="绑定数据"
            showSearch
            allowClear
            optionFilterProp="label"
            value={bindingValue}
            onChange={(value?: string) => {
              if (!value) return onChange({ binding: undefined });
              const [source, key] = value.split(':') as ['form' | 'case', string];
              onChange({ binding: source === 'form' ? { source: 'form', fieldId: key } : ({ source: 'case', key } as TemplateElement['binding']) });
            }}
            options={[
              { label: '表单字段', options: formFields.map((option) => ({ value: `form:${option.value}`, label: option.label })) },
              { label: '办件数据', options: caseKeys.map((option) => ({ value: `case:${option.value}`, label: option.label })) },
            ]}
          />
        </Form.Item>
      )}
      {element.type === 'qr' && (
        <Form.Item label="扫码后打开" style={{ marginBottom: 8 }}>
          <Select
            aria-label="扫码后打开"
            value={element.qrTarget ?? 'verify'}
            onChange={(qrTarget) => onChange({ qrTarget })}
            options={[
              { value: 'verify', label: '证照核验页' },
              { value: 'progress', label: '办件进度查询页' },
            ]}
          />
        </Form.Item>
      )}
      {element.type === 'seal' && (
        <Form.Item label="用印部门（默认模板所属部门）" style={{ marginBottom: 8 }}>
          <Select aria-label="用印部门" allowClear showSearch optionFilterProp="label" value={element.organizationId} onChange={(organizationId?: string) => onChange({ organizationId })} options={organizations} />
        </Form.Item>
      )}
      {textual && (
        <>
          {element.type !== 'text' && (
            <Form.Item label="格式" style={{ marginBottom: 8 }}>
              <Select aria-label="格式" value={element.format} onChange={(format) => onChange({ format })} options={formats} />
            </Form.Item>
          )}
          <Divider style={{ margin: '8px 0' }}>文字样式</Divider>
          <Space.Compact block>
            <Form.Item label="字体" style={{ marginBottom: 8, flex: 1 }}>
              <Select aria-label="字体" value={element.font} onChange={(font) => onChange({ font })} options={[{ value: 'serif', label: '宋体（衬线）' }, { value: 'sans', label: '黑体（无衬线）' }]} />
            </Form.Item>
            {number('fontSize', '字号（磅）', 5)}
          </Space.Compact>
          <Form.Item label="对齐" style={{ marginBottom: 8 }}>
            <Space wrap>
              <Select aria-label="水平对齐" style={{ width: 90 }} value={element.align} onChange={(align) => onChange({ align })} options={[{ value: 'left', label: '左对齐' }, { value: 'center', label: '居中' }, { value: 'right', label: '右对齐' }]} />
              <Select aria-label="垂直对齐" style={{ width: 100 }} value={element.verticalAlign ?? 'auto'} onChange={(value) => onChange({ verticalAlign: value === 'auto' ? undefined : (value as 'top') })} options={[{ value: 'auto', label: '自动' }, { value: 'top', label: '顶端' }, { value: 'middle', label: '居中' }, { value: 'bottom', label: '底端' }]} />
            </Space>
          </Form.Item>
          <Space>
            <Checkbox checked={element.fontWeight === 'bold'} onChange={(event) => onChange({ fontWeight: event.target.checked ? 'bold' : 'normal' })}>
              加粗
            </Checkbox>
            <span>
              自动换行 <Switch size="small" aria-label="自动换行" checked={element.wrap} onChange={(wrap) => onChange({ wrap })} />
            </span>
          </Space>
        </>
      )}
      <Divider style={{ margin: '8px 0' }}>出现在</Divider>
      <Checkbox.Group
        value={element.variants}
        onChange={(values) => values.length > 0 && onChange({ variants: values as TemplateElement['variants'] })}
        options={[
          { value: 'original', label: '正本' },
          { value: 'copy', label: '副本' },
        ]}
      />
    </Form>
  );
}
