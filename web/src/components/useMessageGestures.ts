import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

const LONG_PRESS_MS = 500;
const MOVE_TOLERANCE_PX = 10;

/**
 * A message's menu from a right click or a long press of a finger, for the
 * whole list at once (one listener, not one per row). The ⋯ button beside each
 * message is the way for keyboards and screen readers; these are shortcuts.
 */
export function useMessageGestures(container: RefObject<HTMLElement>, open: (messageId: number) => void) {
  const latest = useRef(open);
  latest.current = open;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let start: { x: number; y: number } | null = null;

    /** The message whose bubble was touched, unless it was a link (those keep the browser's own menu). */
    const messageAt = (target: EventTarget | null): number | null => {
      if (!(target instanceof Element) || target.closest('a, button') || !target.closest('.bubble'))
        return null;
      const id = target.closest('[data-message-id]')?.getAttribute('data-message-id');
      return id ? Number(id) : null;
    };
    const cancel = () => {
      clearTimeout(timer);
      start = null;
    };
    const onContextMenu = (event: MouseEvent) => {
      const id = messageAt(event.target);
      if (id === null) return;
      event.preventDefault();
      cancel();
      latest.current(id);
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.pointerType !== 'touch') return;
      const id = messageAt(event.target);
      if (id === null) return;
      start = { x: event.clientX, y: event.clientY };
      timer = setTimeout(() => latest.current(id), LONG_PRESS_MS);
    };
    const onPointerMove = (event: PointerEvent) => {
      if (start && Math.hypot(event.clientX - start.x, event.clientY - start.y) > MOVE_TOLERANCE_PX) cancel();
    };
    element.addEventListener('contextmenu', onContextMenu);
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('pointermove', onPointerMove);
    element.addEventListener('pointerup', cancel);
    element.addEventListener('pointercancel', cancel);
    return () => {
      cancel();
      element.removeEventListener('contextmenu', onContextMenu);
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('pointermove', onPointerMove);
      element.removeEventListener('pointerup', cancel);
      element.removeEventListener('pointercancel', cancel);
    };
  }, [container]);
}
