import { render } from 'preact';

function Options() {
  return (
    <main>
      <h1>factcontext options</h1>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
