/** The app's chunk could not be loaded (offline before the worker cached it, or a new deployment removed it). */
export function StartFailed({ error }: { error: unknown }) {
  return (
    <main id="main" className="splash" role="alert">
      <h1>ChatScape cannot start</h1>
      <p>{`The app could not be loaded (${error instanceof Error ? error.message : String(error)}).`}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </main>
  );
}
