/** A canvas one draws on with mouse, pen or finger: white ink on black, like MNIST. */
export interface DrawPad {
  clear(): void;
  /** The red channel (= the ink, the canvas is grey) as a grey image. */
  gray(): { data: Uint8ClampedArray; width: number; height: number };
  /** Whether anything was drawn since the last clear. */
  readonly empty: boolean;
}

export function drawPad(canvas: HTMLCanvasElement, onStrokeEnd: () => void): DrawPad {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let drawing = false;
  let empty = true;
  let last: { x: number; y: number } | null = null;
  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    empty = true;
  };
  const point = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * canvas.width) / r.width, y: ((e.clientY - r.top) * canvas.height) / r.height };
  };
  const segment = (a: { x: number; y: number }, b: { x: number; y: number }) => {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = canvas.width / 14;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
    empty = false;
  };
  canvas.addEventListener('pointerdown', (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    last = point(e);
    segment(last, last);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing || !last) return;
    const p = point(e);
    segment(last, p);
    last = p;
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    last = null;
    onStrokeEnd();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  clear();
  return {
    clear,
    gray() {
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const red = new Uint8ClampedArray(width * height);
      for (let i = 0; i < red.length; i++) red[i] = data[i * 4]!;
      return { data: red, width, height };
    },
    get empty() {
      return empty;
    },
  };
}
