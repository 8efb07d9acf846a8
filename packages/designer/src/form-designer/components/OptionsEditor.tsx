import { Button, Input, Radio, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ChoiceOption, FormField } from '@xlgl/schema';
import type { FormDesignerContext } from '../types.js';

type OptionsEditorProps = {
  field: FormField;
  dictionaries: FormDesignerContext['dictionaries'];
  onChange: (change: (field: FormField) => FormField, mergeKey?: string) => void;
};

/** The next free numeric option value (`1`, `2`, …); values are codes, labels are free text. */
function nextValue(options: ChoiceOption[]): string {
  const numbers = options.map((option) => Number(option.value)).filter((value) => Number.isInteger(value));
  let next = numbers.length > 0 ? Math.max(...numbers) + 1 : options.length + 1;
  while (options.some((option) => option.value === String(next))) next += 1;
  return String(next);
}

/** Options of a choice field: inline (code + name) or a shared dictionary. */
export function OptionsEditor({ field, dictionaries, onChange }: OptionsEditorProps) {
  const options = (field.settings.options as ChoiceOption[] | undefined) ?? [];
  const source = field.dictionaryId ? 'dictionary' : 'inline';
  const setOptions = (next: ChoiceOption[], mergeKey?: string) =>
    onChange((current) => ({ ...current, settings: { ...current.settings, options: next } }), mergeKey);
  const duplicate = new Set(
    options.filter((option, index) => options.findIndex((other) => other.value === option.value) !== index).map((option) => option.value),
  );

  return (
    <div className="xfd-options" data-testid="options-editor">
      <Radio.Group
        size="small"
        optionType="button"
        value={source}
        onChange={(event) =>
          onChange((current) => {
            const next: FormField = { ...current };
            if (event.target.value === 'dictionary') {
              next.dictionaryId = dictionaries[0]?.id;
              next.settings = { ...current.settings, options: [] };
            } else {
              delete next.dictionaryId;
              next.settings = {
                ...current.settings,
                options: [
                  { value: '1', label: '选项一' },
                  { value: '2', label: '选项二' },
                ],
              };
            }
            return next;
          })
        }
        options={[
          { value: 'inline', label: '自定义选项' },
          { value: 'dictionary', label: '数据字典', disabled: dictionaries.length === 0 },
        ]}
        style={{ marginBottom: 8 }}
      />
      {source === 'dictionary' ? (
        <Select
          style={{ width: '100%' }}
          showSearch
          optionFilterProp="label"
          value={field.dictionaryId}
          options={dictionaries.map((dictionary) => ({
            value: dictionary.id,
            label: `${dictionary.name}（${dictionary.entries.length}项）`,
          }))}
          onChange={(dictionaryId: string) => onChange((current) => ({ ...current, dictionaryId }))}
          data-testid="dictionary-select"
        />
      ) : (
        <>
          <div className="xfd-option-head">
            <Typography.Text type="secondary">代码</Typography.Text>
            <Typography.Text type="secondary">名称</Typography.Text>
          </div>
          {options.map((option, index) => (
            <Space.Compact key={index} style={{ width: '100%', marginBottom: 4 }}>
              <Input
                size="small"
                style={{ width: '30%' }}
                value={option.value}
                maxLength={64}
                status={duplicate.has(option.value) || option.value === '' ? 'error' : undefined}
                onChange={(event) =>
                  setOptions(
                    options.map((entry, i) => (i === index ? { ...entry, value: event.target.value } : entry)),
                    `${field.id}:option-value:${index}`,
                  )
                }
                aria-label={`选项${index + 1}代码`}
              />
              <Input
                size="small"
                value={option.label}
                maxLength={100}
                status={option.label.trim() === '' ? 'error' : undefined}
                onChange={(event) =>
                  setOptions(
                    options.map((entry, i) => (i === index ? { ...entry, label: event.target.value } : entry)),
                    `${field.id}:option-label:${index}`,
                  )
                }
                aria-label={`选项${index + 1}名称`}
              />
              <Button
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                aria-label="上移"
                onClick={() => setOptions(swap(options, index, index - 1))}
              />
              <Button
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === options.length - 1}
                aria-label="下移"
                onClick={() => setOptions(swap(options, index, index + 1))}
              />
              <Button
                size="small"
                icon={<DeleteOutlined />}
                aria-label="删除选项"
                onClick={() => setOptions(options.filter((_, i) => i !== index))}
              />
            </Space.Compact>
          ))}
          {duplicate.size > 0 && <Typography.Text type="danger">选项代码不能重复</Typography.Text>}
          <Button
            size="small"
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => {
              const value = nextValue(options);
              setOptions([...options, { value, label: `选项${value}` }]);
            }}
          >
            添加选项
          </Button>
        </>
      )}
    </div>
  );
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b], next[a]];
  return next;
}
