/** A QR code drawn as SVG squares from the `qrcode` library's module matrix (no markup strings, no data URL). */
import QRCode from 'qrcode';
import { useMemo } from 'react';

export function QrCode(props: { text: string; size?: number; label: string }) {
  const modules = useMemo(() => QRCode.create(props.text, { errorCorrectionLevel: 'M' }).modules, [props.text]);
  const count = modules.size;
  const cells: { x: number; y: number }[] = [];
  for (let y = 0; y < count; y++) for (let x = 0; x < count; x++) if (modules.get(y, x)) cells.push({ x, y });
  const quiet = 4;
  return (
    <svg className="qr-code" role="img" aria-label={props.label} width={props.size ?? 200} height={props.size ?? 200} viewBox={`${-quiet} ${-quiet} ${count + quiet * 2} ${count + quiet * 2}`} data-testid="qr-code" data-text={props.text}>
      <rect x={-quiet} y={-quiet} width={count + quiet * 2} height={count + quiet * 2} fill="#fff" />
      {cells.map(({ x, y }) => (
        <rect key={`${x}-${y}`} x={x} y={y} width={1.02} height={1.02} fill="#000" />
      ))}
    </svg>
  );
}
