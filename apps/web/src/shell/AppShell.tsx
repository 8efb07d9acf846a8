import { ApartmentOutlined, EnvironmentOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Dropdown, Space, Tag, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { menuFor, selectedMenuKeys, type MenuEntry } from '../areas/areas.js';
import { useCurrentUser } from '../auth/CurrentUserContext.js';
import { errorMessage } from '../lib/serverErrors.js';
import { useTRPC } from '../trpc.js';
import { areaIcons } from './areaIcons.js';
import { PageLoading } from './PageLoading.js';
import { platformName } from './platform.js';

function toMenuData(entry: MenuEntry): MenuDataItem {
  return {
    key: entry.key,
    path: entry.path,
    name: entry.label,
    icon: entry.key in areaIcons ? areaIcons[entry.key as keyof typeof areaIcons] : undefined,
    children: entry.children?.map(toMenuData),
  };
}

/** The signed-in frame: menu by capability, user / organisation / region in the header, sign-out. */
export function AppShell() {
  const user = useCurrentUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { message } = App.useApp();
  const entries = useMemo(() => menuFor(user.capabilities), [user.capabilities]);
  const menu = useMemo(() => ({ path: '/', children: entries.map(toMenuData) }), [entries]);
  const selectedKeys = useMemo(() => selectedMenuKeys(entries, location.pathname), [entries, location.pathname]);

  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        navigate('/login', { replace: true });
      },
      onError: (error) => message.error(errorMessage(error, '退出登录失败')),
    }),
  );

  return (
    <ProLayout
      title={platformName}
      logo="/favicon.svg"
      layout="mix"
      splitMenus={false}
      fixSiderbar
      fixedHeader
      siderWidth={208}
      route={menu}
      location={{ pathname: location.pathname }}
      selectedKeys={selectedKeys}
      menu={{ defaultOpenAll: true }}
      token={{ header: { colorTextRightActionsItem: 'rgba(0, 0, 0, 0.88)' } }}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      onMenuHeaderClick={() => navigate('/')}
      actionsRender={() => [
        <Space key="where" size={12} className="shell-where">
          <Typography.Text title="所属机构">
            <ApartmentOutlined /> {user.organizationName}
          </Typography.Text>
          <Typography.Text title="所属区划">
            <EnvironmentOutlined /> {user.regionName}
          </Typography.Text>
        </Space>,
      ]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: <span data-testid="current-user-name">{user.name}</span>,
        render: (_props, dom) => (
          <Dropdown
            menu={{
              items: [
                {
                  key: 'roles',
                  disabled: true,
                  label: (
                    <Space size={4} wrap style={{ maxWidth: 260 }}>
                      {user.roleNames.map((name) => (
                        <Tag key={name}>{name}</Tag>
                      ))}
                    </Space>
                  ),
                },
                { type: 'divider' },
                { key: 'sign-out', icon: <LogoutOutlined />, label: '退出登录', onClick: () => signOut.mutate() },
              ],
            }}
          >
            {dom}
          </Dropdown>
        ),
      }}
    >
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </ProLayout>
  );
}
