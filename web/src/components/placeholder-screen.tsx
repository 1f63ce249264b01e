/** A routed screen that is not built yet (kept so links and deep links already work). */
export function PlaceholderScreen({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="page narrow-page">
      <h1>{title}</h1>
      <p className="muted">{children ?? 'This screen is coming soon.'}</p>
    </div>
  );
}
