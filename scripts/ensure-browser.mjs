// Makes sure Debian's Chromium and the CJK fonts are present for the browser tests (and poppler's
// pdftoppm for rendering PDFs in tests). Installs them with apt-get when missing; never downloads a
// browser build of its own.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const needs = [];
if (!existsSync('/usr/bin/chromium')) needs.push('chromium');
if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) needs.push('fonts-noto-cjk');
if (!existsSync('/usr/bin/pdftoppm')) needs.push('poppler-utils');
if (needs.length > 0) {
  console.log(`[setup] 安装浏览器测试所需的软件包 / installing: ${needs.join(' ')}`);
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${needs.join(' ')}`, {
    stdio: 'inherit',
  });
}
