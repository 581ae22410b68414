import {
  ApartmentOutlined,
  AppstoreOutlined,
  BankOutlined,
  BookOutlined,
  FileSearchOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

const ICONS: Record<string, ReactNode> = {
  home: <HomeOutlined />,
  'my-unit': <BankOutlined />,
  orgs: <ApartmentOutlined />,
  users: <TeamOutlined />,
  dictionaries: <BookOutlined />,
  security: <SafetyCertificateOutlined />,
  audit: <FileSearchOutlined />,
};

/** The icon of a menu entry by its key; new entries get a neutral one until they have their own. */
export function menuIcon(key: string): ReactNode {
  return ICONS[key] ?? <AppstoreOutlined />;
}
