import { useEffect, useState } from 'react';
import { Skeleton } from '@mantine/core';

/**
 * A QR code of `value` as an image. The encoder is loaded only when a QR code is shown, so pages without one do
 * not download it.
 */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((qr) => qr.toDataURL(value, { errorCorrectionLevel: 'M', margin: 2, width: size }))
      .then((url) => {
        if (live) setSrc(url);
      });
    return () => {
      live = false;
    };
  }, [value, size]);
  if (!src) return <Skeleton width={size} height={size} aria-label={label} />;
  return <img src={src} alt={label} width={size} height={size} data-testid="qr-code" />;
}
