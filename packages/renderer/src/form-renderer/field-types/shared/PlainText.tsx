import type { ReactNode } from 'react';

/** Read-only display of a value (readPretty); `—` when empty. */
export function PlainText(props: { value?: unknown; children?: ReactNode; format?: (value: any) => ReactNode }) {
  const empty = props.value === undefined || props.value === null || props.value === '' || (Array.isArray(props.value) && props.value.length === 0);
  return <span className="xlgl-plain-text">{empty ? '—' : props.format ? props.format(props.value) : String(props.value)}</span>;
}
