import { useEffect, useRef, useState } from 'react';
import { type CheckInput, checkItem } from './api.ts';
import type { Finding } from './types.ts';

export type QualityState = {
  findings: Finding[];
  checking: boolean;
  /** The server's message when the check itself failed. */
  error: string | null;
  /** True once a check of some text has answered. */
  checked: boolean;
};

/**
 * Re-runs the quality rules a moment after the writer stops typing. Answers to older text are
 * dropped, so the panel always describes what is on screen.
 */
export function useQualityCheck(input: CheckInput, delayMs = 700): QualityState {
  const [state, setState] = useState<QualityState>({
    findings: [],
    checking: false,
    error: null,
    checked: false,
  });
  const seq = useRef(0);
  const { title, body, authorPhone, itemId, followUpOfId } = input;

  useEffect(() => {
    if (!title.trim() && !body.trim()) {
      seq.current += 1;
      setState({ findings: [], checking: false, error: null, checked: false });
      return;
    }
    const mine = ++seq.current;
    setState((s) => ({ ...s, checking: true }));
    const timer = window.setTimeout(() => {
      checkItem({ title, body, authorPhone, itemId, followUpOfId })
        .then((r) => {
          if (mine === seq.current)
            setState({ findings: r.findings, checking: false, error: null, checked: true });
        })
        .catch((e: Error) => {
          if (mine === seq.current) setState((s) => ({ ...s, checking: false, error: e.message }));
        });
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [title, body, authorPhone, itemId, followUpOfId, delayMs]);

  return state;
}
