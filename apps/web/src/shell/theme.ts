import type { ThemeConfig } from 'antd';

/** The platform's antd theme: government blue, slightly denser than the default. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fbf',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
};
