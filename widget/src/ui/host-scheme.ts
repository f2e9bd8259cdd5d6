import { useLayoutEffect, useState, type RefObject } from 'react';

export type Scheme = 'light' | 'dark';

/**
 * The colour scheme the host page declares around the widget (`color-scheme`, inherited, read
 * from the widget's parent), or undefined when it declares none or both — then the OS
 * preference decides (the CSS media query). "light dark" means "either", so it is not a choice.
 */
export function hostScheme(element: Element | null): Scheme | undefined {
  const parent = element?.parentElement;
  if (!parent) return undefined;
  const declared = getComputedStyle(parent).colorScheme.split(/\s+/);
  const light = declared.includes('light');
  const dark = declared.includes('dark');
  return light === dark ? undefined : dark ? 'dark' : 'light';
}

/** hostScheme, kept current while the host toggles classes or styles on <html> or <body> (its theme switch). */
export function useHostScheme(ref: RefObject<HTMLElement | null>, enabled: boolean): Scheme | undefined {
  const [scheme, setScheme] = useState<Scheme | undefined>(undefined);
  useLayoutEffect(() => {
    if (!enabled) return;
    const read = () => setScheme(hostScheme(ref.current));
    read();
    const observer = new MutationObserver(read);
    for (const target of [document.documentElement, document.body]) observer.observe(target, { attributes: true });
    return () => observer.disconnect();
  }, [ref, enabled]);
  return enabled ? scheme : undefined;
}
