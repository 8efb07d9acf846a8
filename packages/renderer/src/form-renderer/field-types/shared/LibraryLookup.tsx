import { useState } from 'react';
import { Button, Input, Space, message } from 'antd';

type Props<T> = {
  value?: T;
  onChange?: (value: T | undefined) => void;
  disabled?: boolean;
  allowCreate?: boolean;
  nameLabel: string;
  codeLabel: string;
  codeKey: keyof T & string;
  codeMaxLength: number;
  lookup?: (code: string) => Promise<T | undefined>;
  libraryName: string;
};

/** Name + code inputs with a 查询 button that fills from a library (自然人库 / 法人库). */
export function LibraryLookup<T extends { name: string }>(props: Props<T>) {
  const [busy, setBusy] = useState(false);
  const value = (props.value ?? { name: '', [props.codeKey]: '' }) as T;
  const code = String((value as Record<string, unknown>)[props.codeKey] ?? '');
  const change = (next: T) => {
    const nextCode = String((next as Record<string, unknown>)[props.codeKey] ?? '');
    props.onChange?.(!next.name && !nextCode ? undefined : next);
  };
  const search = async () => {
    if (!props.lookup || !code) return;
    setBusy(true);
    try {
      const found = await props.lookup(code);
      if (found) change(found);
      else if (props.allowCreate) void message.info(`${props.libraryName}中没有该${props.codeLabel}，提交后将登记为新的${props.libraryName.replace('库', '')}`);
      else void message.warning(`${props.libraryName}中没有该${props.codeLabel}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input
        style={{ width: '40%' }}
        placeholder={props.nameLabel}
        value={value.name}
        disabled={props.disabled}
        onChange={(event) => change({ ...value, name: event.target.value })}
      />
      <Input
        style={{ width: '45%' }}
        placeholder={props.codeLabel}
        maxLength={props.codeMaxLength}
        value={code}
        disabled={props.disabled}
        onChange={(event) => change({ ...value, [props.codeKey]: event.target.value.trim().toUpperCase() })}
      />
      <Button loading={busy} disabled={props.disabled || !props.lookup || !code} onClick={() => void search()}>
        查询
      </Button>
    </Space.Compact>
  );
}
