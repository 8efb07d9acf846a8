import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { platformName } from '../shell/platform.js';
import { useTRPC } from '../trpc.js';
import { redirectParam, safeRedirect } from './redirect.js';
import { signInErrorMessage } from './signInError.js';

type SignInValues = { account: string; password: string };

/** 登录: account and password; on success returns to the page the user wanted. */
export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const target = safeRedirect(searchParams.get(redirectParam));
  const me = useQuery(trpc.auth.me.queryOptions());
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        navigate(target, { replace: true });
      },
    }),
  );

  if (me.data) return <Navigate to={target} replace />;

  return (
    <div className="login-page">
      <div className="login-panel">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {platformName}
          </Typography.Title>
        </div>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          政务服务事项配置 · 窗口受理审批 · 监察与报表
        </Typography.Paragraph>
        {signIn.isError && (
          <Alert role="alert" type="error" showIcon message={signInErrorMessage(signIn.error)} style={{ marginBottom: 16 }} />
        )}
        <Form<SignInValues>
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={(values) => signIn.mutate({ account: values.account.trim(), password: values.password })}
          onValuesChange={() => signIn.isError && signIn.reset()}
        >
          <Form.Item label="账号" name="account" rules={[{ required: true, whitespace: true, message: '请输入账号' }]}>
            <Input prefix={<UserOutlined />} placeholder="请输入账号" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            登录
          </Button>
        </Form>
      </div>
      <div className="login-footer">仅限授权工作人员使用，请妥善保管账号和密码</div>
    </div>
  );
}
