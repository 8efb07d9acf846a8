import { Typography } from 'antd';
import type { FormDocument } from '@xlgl/schema';

/** The form document as stored (read-only): for the curious and for support. */
export function JsonView({ form }: { form: FormDocument }) {
  const text = JSON.stringify(form, null, 2);
  return (
    <div className="xfd-json-view" data-testid="form-json">
      <Typography.Paragraph type="secondary">
        表单定义（只读）。字段标识自动生成，决定数据库列名；表单中没有任何可执行代码。
        <Typography.Text copyable={{ text, tooltips: ['复制 JSON', '已复制'] }} />
      </Typography.Paragraph>
      <pre className="xfd-json">{text}</pre>
    </div>
  );
}
