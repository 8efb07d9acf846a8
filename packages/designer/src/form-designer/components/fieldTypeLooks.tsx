import type { ReactNode } from 'react';
import {
  AlignLeftOutlined,
  BankOutlined,
  BarcodeOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  ColumnWidthOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  FontSizeOutlined,
  HomeOutlined,
  IdcardOutlined,
  MailOutlined,
  MobileOutlined,
  MoneyCollectOutlined,
  NumberOutlined,
  PaperClipOutlined,
  PoweroffOutlined,
  SignatureOutlined,
  TableOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { FieldType, FieldTypeDefinition } from '@xlgl/schema';

/** The palette icon of each field type; `satisfies` makes a new type without an icon a compile error. */
export const fieldTypeIcons = {
  text: <FontSizeOutlined />,
  textarea: <AlignLeftOutlined />,
  number: <NumberOutlined />,
  money: <MoneyCollectOutlined />,
  date: <CalendarOutlined />,
  datetime: <FieldTimeOutlined />,
  'date-range': <ColumnWidthOutlined />,
  select: <CheckCircleOutlined />,
  'multi-select': <CheckSquareOutlined />,
  switch: <PoweroffOutlined />,
  'id-number': <IdcardOutlined />,
  'credit-code': <BarcodeOutlined />,
  mobile: <MobileOutlined />,
  email: <MailOutlined />,
  region: <EnvironmentOutlined />,
  address: <HomeOutlined />,
  material: <PaperClipOutlined />,
  'sub-table': <TableOutlined />,
  'person-lookup': <UserOutlined />,
  'enterprise-lookup': <BankOutlined />,
  signature: <SignatureOutlined />,
} satisfies Record<FieldType, ReactNode>;

/** Palette group titles, in the order the palette shows them. */
export const paletteGroupLabels: Record<FieldTypeDefinition['group'], string> = {
  basic: '基础字段',
  choice: '选择',
  identity: '身份与证照',
  place: '地点',
  attachment: '材料与签名',
  composite: '组合',
};
