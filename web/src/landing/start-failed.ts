/**
 * The chat app's chunk could not be loaded (offline before the worker had cached it, or a new
 * deployment removed it): say so in the page, with a way to try again. Plain DOM: React is in
 * the chunk that failed.
 */
export function showStartFailed(root: HTMLElement, error: unknown): void {
  const main = document.createElement('main');
  main.id = 'main';
  main.className = 'splash';
  main.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = 'ChatScape cannot start';
  const detail = document.createElement('p');
  detail.textContent = `The app could not be loaded (${error instanceof Error ? error.message : String(error)}).`;
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'button';
  retry.textContent = 'Try again';
  retry.addEventListener('click', () => window.location.reload());
  main.append(title, detail, retry);
  root.replaceChildren(main);
}
