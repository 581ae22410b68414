/** Placeholder while the screen is being built. */
export function DictionariesPage() {
  return <div />;
}
