import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** 403: shown when a user opens an area or page their roles do not allow. */
export function Forbidden({ what }: { what: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={`您没有访问“${what}”的权限。如需使用，请联系系统管理员为您分配相应角色。`}
      extra={
        <Button type="primary" onClick={() => navigate('/', { replace: true })}>
          返回首页
        </Button>
      }
    />
  );
}

/** 404 inside the signed-in app. */
export function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle="您访问的页面不存在。"
      extra={
        <Button type="primary" onClick={() => navigate('/', { replace: true })}>
          返回首页
        </Button>
      }
    />
  );
}

/** Shown to a signed-in user whose roles open no area at all. */
export function NoAreas() {
  return <Result status="info" title="您的账号尚未分配任何功能" subTitle="请联系系统管理员为您分配角色后重新登录。" />;
}
