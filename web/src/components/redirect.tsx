import { useLayoutEffect, useRef } from 'react';
import { useNavigate, type NavigateOptions } from '@tanstack/react-router';

/**
 * Navigates once, when first shown (always replacing the history entry). TanStack's `<Navigate>`
 * navigates again whenever its props change, which loops when the parent re-renders during navigation.
 */
export function Redirect(props: NavigateOptions) {
  const navigate = useNavigate();
  const done = useRef(false);
  const options = useRef(props);
  useLayoutEffect(() => {
    if (done.current) return;
    done.current = true;
    void navigate({ ...options.current, replace: true });
  }, [navigate]);
  return null;
}
