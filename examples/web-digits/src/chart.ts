/** Ten horizontal bars, one per class, each carrying its probability in `data-p` (read by the e2e test). */
export function renderBars(container: HTMLElement, classNames: readonly string[], probabilities: ArrayLike<number> | null): void {
  if (container.childElementCount !== classNames.length) {
    container.replaceChildren(
      ...classNames.map((name) => {
        const row = document.createElement('div');
        row.className = 'bar';
        row.innerHTML =
          '<span class="label"></span><span class="track"><span class="fill"></span></span><span class="value"></span>';
        row.querySelector('.label')!.textContent = name;
        return row;
      }),
    );
  }
  let best = -1;
  if (probabilities)
    for (let i = 0; i < probabilities.length; i++) if (best < 0 || probabilities[i]! > probabilities[best]!) best = i;
  Array.from(container.children).forEach((row, i) => {
    const p = probabilities ? probabilities[i]! : 0;
    const el = row as HTMLElement;
    el.dataset.p = probabilities ? String(p) : '';
    el.classList.toggle('best', i === best);
    (el.querySelector('.fill') as HTMLElement).style.width = `${(p * 100).toFixed(1)}%`;
    el.querySelector('.value')!.textContent = probabilities ? `${(p * 100).toFixed(1)} %` : '';
  });
}
