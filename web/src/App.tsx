import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError } from './api/client.ts';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { RequireMenu } from './auth/RequireMenu.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { AuditLogPage } from './pages/admin/AuditLogPage.tsx';
import { DictionariesPage } from './pages/admin/DictionariesPage.tsx';
import { OrgsPage } from './pages/admin/OrgsPage.tsx';
import { PublicationsPage } from './pages/admin/PublicationsPage.tsx';
import { SecurityPolicyPage } from './pages/admin/SecurityPolicyPage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { WorkflowLimitsPage } from './pages/admin/WorkflowLimitsPage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { IssuePage } from './pages/issues/IssuePage.tsx';
import { IssuesPage } from './pages/issues/IssuesPage.tsx';
import { ComposePage } from './pages/items/ComposePage.tsx';
import { ForwardedPage } from './pages/items/ForwardedPage.tsx';
import { InboxPage } from './pages/items/InboxPage.tsx';
import { ItemPage } from './pages/items/ItemPage.tsx';
import { MyItemsPage } from './pages/items/MyItemsPage.tsx';
import { SignoffPage } from './pages/items/SignoffPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MyUnitPage } from './pages/MyUnitPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PortalQueuePage } from './pages/PortalQueuePage.tsx';
import { ReadingPage } from './pages/ReadingPage.tsx';
import { theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on retry; only network and server faults are worth a second try.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

/** Screens that belong to a menu entry: only reachable when the caller's menu holds it. */
const MENU_ROUTES: { path: string; element: ReactNode }[] = [
  { path: '/my-unit', element: <MyUnitPage /> },
  { path: '/admin/orgs', element: <OrgsPage /> },
  { path: '/admin/users', element: <UsersPage /> },
  { path: '/admin/dictionaries', element: <DictionariesPage /> },
  { path: '/admin/security', element: <SecurityPolicyPage /> },
  { path: '/admin/audit', element: <AuditLogPage /> },
  { path: '/admin/workflow-limits', element: <WorkflowLimitsPage /> },
  { path: '/admin/publications', element: <PublicationsPage /> },
  { path: '/items/new', element: <ComposePage /> },
  { path: '/items/mine', element: <MyItemsPage /> },
  { path: '/items/signoff', element: <SignoffPage /> },
  { path: '/inbox', element: <InboxPage /> },
  { path: '/items/forwarded', element: <ForwardedPage /> },
  { path: '/issues', element: <IssuesPage /> },
  { path: '/portal-queue', element: <PortalQueuePage /> },
  { path: '/reading', element: <ReadingPage /> },
];

/** Providers (locale, theme, data, session) and the route table. */
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomePage />} />
                  <Route path="/change-password" element={<ChangePasswordPage />} />
                  {MENU_ROUTES.map((r) => (
                    <Route
                      key={r.path}
                      path={r.path}
                      element={<RequireMenu path={r.path}>{r.element}</RequireMenu>}
                    />
                  ))}
                  {/* Any signed-in caller; the server answers 404 for an item outside their scope. */}
                  <Route path="/items/:id" element={<ItemPage />} />
                  <Route path="/items/:id/edit" element={<ComposePage />} />
                  {/* Office staff, and a leader the issue was circulated to; the server answers 404 otherwise. */}
                  <Route path="/issues/:id" element={<IssuePage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
