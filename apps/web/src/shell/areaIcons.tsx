import { AuditOutlined, DesktopOutlined, SettingOutlined, ToolOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { AreaKey } from '../areas/areas.js';

/** Menu icon per area; `satisfies` makes a new area without an icon a compile error. */
export const areaIcons = {
  studio: <ToolOutlined />,
  desk: <DesktopOutlined />,
  supervision: <AuditOutlined />,
  admin: <SettingOutlined />,
} satisfies Record<AreaKey, ReactNode>;
