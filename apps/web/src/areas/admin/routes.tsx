import { Navigate } from 'react-router';
import type { ReactNode } from 'react';
import { AreaRoutes, menuRoutes, type AreaRoute } from '../../shell/AreaRoutes.js';
import { adminPages, type AdminPagePath } from './pages.js';
import { OrganizationsPage } from './pages/OrganizationsPage.js';
import { PostsPage } from './pages/PostsPage.js';
import { RegionsPage } from './pages/RegionsPage.js';
import { RolesPage } from './pages/RolesPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { BackupPage } from './backup/BackupPage.js';

/** One page per menu entry of `adminPages`; `satisfies` makes a menu entry without a page a compile error. */
const pages = {
  regions: <RegionsPage />,
  organizations: <OrganizationsPage />,
  users: <UsersPage />,
  roles: <RolesPage />,
  posts: <PostsPage />,
  backup: <BackupPage />,
} satisfies Record<AdminPagePath, ReactNode>;

/** 系统管理 pages (R10.3). */
export const adminRoutes: AreaRoute[] = [
  { label: '系统管理', element: <Navigate to={adminPages[0].path} replace /> },
  ...menuRoutes(adminPages, pages),
];

export default function AdminArea() {
  return <AreaRoutes routes={adminRoutes} />;
}
