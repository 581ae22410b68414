/** Placeholder while the screen is being built. */
export function OrgsPage() {
  return <div />;
}
