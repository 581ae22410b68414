import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CloudUploadOutlined,
  ContactsOutlined,
  EditOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  HighlightOutlined,
  HomeOutlined,
  InboxOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  TeamOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

const ICONS: Record<string, ReactNode> = {
  home: <HomeOutlined />,
  compose: <EditOutlined />,
  'my-items': <FileTextOutlined />,
  signoff: <AuditOutlined />,
  inbox: <InboxOutlined />,
  forwarded: <SendOutlined />,
  'my-unit': <BankOutlined />,
  orgs: <ApartmentOutlined />,
  users: <TeamOutlined />,
  dictionaries: <BookOutlined />,
  'notification-channels': <NotificationOutlined />,
  security: <SafetyCertificateOutlined />,
  'role-grants': <AuditOutlined />,
  'workflow-limits': <FieldTimeOutlined />,
  publications: <ProfileOutlined />,
  issues: <FileDoneOutlined />,
  'portal-queue': <CloudUploadOutlined />,
  reading: <ReadOutlined />,
  audit: <FileSearchOutlined />,
  instructions: <FlagOutlined />,
  liaison: <ContactsOutlined />,
  meetings: <VideoCameraOutlined />,
  'my-instructions': <HighlightOutlined />,
  'instruction-feedback': <FormOutlined />,
};

/** The icon of a menu entry by its key; new entries get a neutral one until they have their own. */
export function menuIcon(key: string): ReactNode {
  return ICONS[key] ?? <AppstoreOutlined />;
}
