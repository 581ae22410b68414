import { MenuOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Drawer, Layout, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useMe } from '../auth/context.ts';
import { membershipLine } from '../auth/membership.ts';
import { BrandMark } from '../components/BrandMark.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { useLiveUpdates } from '../features/notifications/useLiveUpdates.ts';
import { maySearch } from '../features/search/api.ts';
import { TopBarSearch } from '../features/search/TopBarSearch.tsx';
import { ScreenBoundary } from './ScreenBoundary.tsx';
import { SideMenu } from './SideMenu.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useIsMobile } from './useIsMobile.ts';

const HEADER_HEIGHT = 56;
/** Tighter cards on phones, where every pixel of width counts. */
const PHONE_THEME = { components: { Card: { bodyPadding: 12, headerPadding: 12 } } };

/** The frame of every signed-in page: top bar, menu by role (a drawer on phones), content. */
export function AppLayout() {
  const me = useMe();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();
  // While the password must be changed nothing else is reachable, so no menu is offered.
  const restricted = me.user.mustChangePassword;
  const unitLine = membershipLine(me.user, ' · ');
  const canSearch = !restricted && maySearch(me.user.roles);
  // One live connection per signed-in page: the bell's count and refreshes of the open lists.
  useLiveUpdates(restricted ? null : me.user.id);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the drawer whenever the route changes
  useEffect(() => setDrawerOpen(false), [pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 100,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          color: '#fff',
          boxShadow: '0 1px 4px rgba(0, 21, 41, 0.2)',
        }}
      >
        {isMobile && !restricted && (
          <Button
            type="text"
            aria-label="打开菜单"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, color: '#fff', flex: 'none' }}>
          <BrandMark size={30} inverse />
          <span style={{ fontSize: 20, fontWeight: 600, letterSpacing: 2 }}>信报</span>
          {!isMobile && (
            <span style={{ fontSize: 13, opacity: 0.75, fontWeight: 400, letterSpacing: 0 }}>
              政务信息工作平台
            </span>
          )}
        </Link>
        {!isMobile && unitLine && (
          <span
            title={unitLine}
            style={{
              marginInlineStart: 12,
              paddingInlineStart: 16,
              borderInlineStart: '1px solid rgba(255,255,255,0.3)',
              lineHeight: '24px',
              fontSize: 14,
              opacity: 0.92,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              minWidth: 0,
            }}
          >
            {unitLine}
          </span>
        )}
        <div style={{ flex: 1 }} />
        {canSearch && <TopBarSearch compact={isMobile} />}
        {!restricted && <NotificationBell compact={isMobile} />}
        <UserMenu compact={isMobile} />
      </Layout.Header>
      <Layout>
        {!isMobile && !restricted && (
          <Layout.Sider
            width={208}
            theme="light"
            style={{
              position: 'sticky',
              top: HEADER_HEIGHT,
              height: `calc(100vh - ${HEADER_HEIGHT}px)`,
              overflow: 'auto',
              borderInlineEnd: '1px solid #e8e8e8',
            }}
          >
            <SideMenu />
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
            {/* Same tree on every width, so crossing the breakpoint keeps the page's state. */}
            <ConfigProvider theme={isMobile ? PHONE_THEME : undefined}>
              {/*
                Screens are fetched on first use; the bar and menu stay up meanwhile. Keyed by path: a
                new boundary shows its spinner at once, where a reused one would keep the previous screen
                on view (and clickable) while the next one loads. A failure is also cleared by leaving.
              */}
              <ScreenBoundary key={pathname}>
                <Outlet />
              </ScreenBoundary>
            </ConfigProvider>
          </Layout.Content>
          <Layout.Footer
            style={{
              textAlign: 'center',
              padding: isMobile ? '12px' : '16px 24px',
              fontSize: 12,
              color: '#8c8c8c',
            }}
          >
            信报 · 政务信息工作平台
          </Layout.Footer>
        </Layout>
      </Layout>
      {isMobile && !restricted && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={272}
          title={
            <div style={{ lineHeight: 1.4 }}>
              <div>{me.user.displayName}</div>
              {unitLine && (
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                  {unitLine}
                </Typography.Text>
              )}
            </div>
          }
          styles={{ body: { padding: 0 } }}
        >
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
