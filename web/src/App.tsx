import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError } from './api/client.ts';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { RequireMenu } from './auth/RequireMenu.tsx';
import { FullPageSpin } from './components/FullPageSpin.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { theme } from './theme.ts';

// Every screen but the first ones (sign-in, home, not found) is its own chunk, fetched when first opened,
// so a reporter's phone downloads only what the sign-in and home pages draw. AppLayout holds the
// Suspense boundary, so the header and menu stay up while a screen loads.
const AuditLogPage = lazy(() =>
  import('./pages/admin/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })),
);
const DictionariesPage = lazy(() =>
  import('./pages/admin/DictionariesPage.tsx').then((m) => ({ default: m.DictionariesPage })),
);
const NotificationChannelsPage = lazy(() =>
  import('./pages/admin/NotificationChannelsPage.tsx').then((m) => ({ default: m.NotificationChannelsPage })),
);
const OrgsPage = lazy(() => import('./pages/admin/OrgsPage.tsx').then((m) => ({ default: m.OrgsPage })));
const PublicationsPage = lazy(() =>
  import('./pages/admin/PublicationsPage.tsx').then((m) => ({ default: m.PublicationsPage })),
);
const RoleGrantsPage = lazy(() =>
  import('./pages/admin/RoleGrantsPage.tsx').then((m) => ({ default: m.RoleGrantsPage })),
);
const SecurityPolicyPage = lazy(() =>
  import('./pages/admin/SecurityPolicyPage.tsx').then((m) => ({ default: m.SecurityPolicyPage })),
);
const StatisticsPage = lazy(() =>
  import('./pages/assessment/StatisticsPage.tsx').then((m) => ({ default: m.StatisticsPage })),
);
const AssessmentPage = lazy(() =>
  import('./pages/assessment/AssessmentPage.tsx').then((m) => ({ default: m.AssessmentPage })),
);
const AdjustmentsPage = lazy(() =>
  import('./pages/assessment/AdjustmentsPage.tsx').then((m) => ({ default: m.AdjustmentsPage })),
);
const NoticesPage = lazy(() =>
  import('./pages/assessment/NoticesPage.tsx').then((m) => ({ default: m.NoticesPage })),
);
const NoticePage = lazy(() =>
  import('./pages/assessment/NoticePage.tsx').then((m) => ({ default: m.NoticePage })),
);
const RuleSetsPage = lazy(() =>
  import('./pages/assessment/RuleSetsPage.tsx').then((m) => ({ default: m.RuleSetsPage })),
);
const RuleSetPage = lazy(() =>
  import('./pages/assessment/RuleSetPage.tsx').then((m) => ({ default: m.RuleSetPage })),
);
const TopicPage = lazy(() => import('./pages/topics/TopicPage.tsx').then((m) => ({ default: m.TopicPage })));
const TopicsPage = lazy(() =>
  import('./pages/topics/TopicsPage.tsx').then((m) => ({ default: m.TopicsPage })),
);
const UsersPage = lazy(() => import('./pages/admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const WorkflowLimitsPage = lazy(() =>
  import('./pages/admin/WorkflowLimitsPage.tsx').then((m) => ({ default: m.WorkflowLimitsPage })),
);
const ChangePasswordPage = lazy(() =>
  import('./pages/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const CommissionPage = lazy(() =>
  import('./pages/commissions/CommissionPage.tsx').then((m) => ({ default: m.CommissionPage })),
);
const CommissionsPage = lazy(() =>
  import('./pages/commissions/CommissionsPage.tsx').then((m) => ({ default: m.CommissionsPage })),
);
const InstructionPage = lazy(() =>
  import('./pages/instructions/InstructionPage.tsx').then((m) => ({ default: m.InstructionPage })),
);
const InstructionsPage = lazy(() =>
  import('./pages/instructions/InstructionsPage.tsx').then((m) => ({ default: m.InstructionsPage })),
);
const IssuePage = lazy(() => import('./pages/issues/IssuePage.tsx').then((m) => ({ default: m.IssuePage })));
const IssuesPage = lazy(() =>
  import('./pages/issues/IssuesPage.tsx').then((m) => ({ default: m.IssuesPage })),
);
const ComposePage = lazy(() =>
  import('./pages/items/ComposePage.tsx').then((m) => ({ default: m.ComposePage })),
);
const ForwardedPage = lazy(() =>
  import('./pages/items/ForwardedPage.tsx').then((m) => ({ default: m.ForwardedPage })),
);
const InboxPage = lazy(() => import('./pages/items/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const ItemPage = lazy(() => import('./pages/items/ItemPage.tsx').then((m) => ({ default: m.ItemPage })));
const MyItemsPage = lazy(() =>
  import('./pages/items/MyItemsPage.tsx').then((m) => ({ default: m.MyItemsPage })),
);
const SignoffPage = lazy(() =>
  import('./pages/items/SignoffPage.tsx').then((m) => ({ default: m.SignoffPage })),
);
const LiaisonPage = lazy(() => import('./pages/LiaisonPage.tsx').then((m) => ({ default: m.LiaisonPage })));
const MeetingPage = lazy(() =>
  import('./pages/meetings/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })),
);
const MeetingsPage = lazy(() =>
  import('./pages/meetings/MeetingsPage.tsx').then((m) => ({ default: m.MeetingsPage })),
);
const MyUnitPage = lazy(() => import('./pages/MyUnitPage.tsx').then((m) => ({ default: m.MyUnitPage })));
const NotificationsPage = lazy(() =>
  import('./pages/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const PortalQueuePage = lazy(() =>
  import('./pages/PortalQueuePage.tsx').then((m) => ({ default: m.PortalQueuePage })),
);
const ReadingPage = lazy(() => import('./pages/ReadingPage.tsx').then((m) => ({ default: m.ReadingPage })));
const SearchPage = lazy(() => import('./pages/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));

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
  { path: '/admin/notifications', element: <NotificationChannelsPage /> },
  { path: '/admin/security', element: <SecurityPolicyPage /> },
  { path: '/admin/role-grants', element: <RoleGrantsPage /> },
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
  { path: '/instructions', element: <InstructionsPage /> },
  { path: '/commissions', element: <CommissionsPage /> },
  { path: '/topics', element: <TopicsPage /> },
  { path: '/liaison', element: <LiaisonPage /> },
  { path: '/meetings', element: <MeetingsPage /> },
  { path: '/assessment', element: <AssessmentPage /> },
  { path: '/statistics', element: <StatisticsPage /> },
  { path: '/assessment/rules', element: <RuleSetsPage /> },
  { path: '/assessment/notices', element: <NoticesPage /> },
  { path: '/assessment/adjustments', element: <AdjustmentsPage /> },
];

/** Providers (locale, theme, data, session) and the route table. */
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              {/* Last resort only: the boundary in AppLayout catches every lazy screen first. */}
              <Suspense fallback={<FullPageSpin />}>
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
                    <Route path="/notifications" element={<NotificationsPage />} />
                    {/* 全局检索: every business role; the server refuses the administrators (403). */}
                    <Route path="/search" element={<SearchPage />} />
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
                    {/* The server answers 404 for an instruction outside the caller's scope. */}
                    <Route path="/instructions/:id" element={<InstructionPage />} />
                    <Route path="/meetings/:id" element={<MeetingPage />} />
                    <Route path="/commissions/:id" element={<CommissionPage />} />
                    <Route path="/topics/:id" element={<TopicPage />} />
                    {/* A 通报: the server answers 404 outside the caller's offices (members read issued ones). */}
                    <Route path="/assessment/notices/:id" element={<NoticePage />} />
                    {/* 考核办法 of the office (new or one version); the server refuses other offices. */}
                    <Route
                      path="/assessment/rules/:id"
                      element={
                        <RequireMenu path="/assessment/rules">
                          <RuleSetPage />
                        </RequireMenu>
                      }
                    />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
