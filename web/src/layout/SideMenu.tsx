import { Menu, type MenuProps } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { useMe } from '../auth/context.ts';
import { menuIcon } from './menuIcons.tsx';

/** The entry whose path is the longest prefix of the current location ('/' only for itself). */
export function selectedMenuKey(pathname: string, paths: string[]): string | undefined {
  if (pathname === '/') return '/';
  return paths
    .filter((p) => p !== '/' && (pathname === p || pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

/** 首页 first, then what the server's menu opens for the caller's roles. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const me = useMe();
  const { pathname } = useLocation();
  const entries = [{ key: 'home', label: '首页', path: '/' }, ...me.menu];
  const items: MenuProps['items'] = entries.map((e) => ({
    key: e.path,
    icon: menuIcon(e.key),
    label: (
      <Link to={e.path} onClick={onNavigate}>
        {e.label}
      </Link>
    ),
  }));
  const selected = selectedMenuKey(
    pathname,
    entries.map((e) => e.path),
  );
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none', paddingTop: 8 }}
    />
  );
}
