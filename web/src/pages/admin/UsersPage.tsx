/** Placeholder while the screen is being built. */
export function UsersPage() {
  return <div />;
}
