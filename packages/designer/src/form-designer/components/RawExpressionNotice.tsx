import { Alert, Button, Typography } from 'antd';
import type { Expression } from '@xlgl/schema';

/** Shown instead of a visual expression editor when the expression has a shape the editor cannot show: the JSON and a way to clear it. */
export function RawExpressionNotice({
  value,
  message,
  clearLabel,
  onClear,
}: {
  value: Expression | undefined;
  message: string;
  clearLabel: string;
  onClear: () => void;
}) {
  return (
    <Alert
      type="info"
      showIcon
      message={message}
      description={
        <>
          <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
            {JSON.stringify(value, null, 2)}
          </Typography.Paragraph>
          <Button size="small" danger onClick={onClear}>
            {clearLabel}
          </Button>
        </>
      }
    />
  );
}
