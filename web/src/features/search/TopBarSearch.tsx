import { SearchOutlined } from '@ant-design/icons';
import { Button, Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

export const SEARCH_PLACEHOLDER = '检索信息、刊物、批示…';

/** A key typed into a field, or with a modifier, is the field's, not the shortcut's. */
function typing(e: KeyboardEvent): boolean {
  if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return true;
  const target = e.target as HTMLElement | null;
  return !!target?.closest(
    'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"], [role="textbox"]',
  );
}

/** The address of the results page for `q`. */
export const searchPath = (q: string) => `/search?${new URLSearchParams({ q }).toString()}`;

/**
 * The search box of the top bar (docs/screens.md, 全局检索): Enter opens /search?q=…, `/` focuses
 * it from anywhere but a field. On /search it shows the text searched for. On a phone only an icon
 * that opens the search page, whose own box takes the text.
 */
export function TopBarSearch({ compact }: { compact: boolean }) {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const input = useRef<InputRef>(null);
  const onSearchPage = pathname === '/search';
  const urlQ = onSearchPage ? (new URLSearchParams(search).get('q') ?? '') : '';
  const [value, setValue] = useState(urlQ);
  const [focused, setFocused] = useState(false);

  // Follow the page: the results' text on /search, an empty box elsewhere.
  useEffect(() => setValue(urlQ), [urlQ]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || typing(e)) return;
      e.preventDefault();
      if (compact) {
        if (!onSearchPage) navigate('/search');
        else document.querySelector<HTMLInputElement>('#xb-search-page-q')?.focus();
      } else input.current?.focus({ cursor: 'all' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [compact, navigate, onSearchPage]);

  if (compact)
    return (
      <Button
        type="text"
        aria-label="检索"
        title="检索"
        icon={<SearchOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => navigate('/search')}
      />
    );

  const submit = (raw: string) => {
    const q = raw.trim();
    if (!q) {
      input.current?.focus();
      return;
    }
    input.current?.blur();
    navigate(searchPath(q));
  };

  return (
    <Input.Search
      ref={input}
      role="searchbox"
      aria-label="全局检索"
      placeholder={SEARCH_PLACEHOLDER}
      value={value}
      maxLength={100}
      onChange={(e) => setValue(e.target.value)}
      onSearch={(v, _e, info) => info?.source === 'input' && submit(v)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') input.current?.blur();
      }}
      suffix={
        !focused && !value ? (
          <kbd
            title="按 / 键快速检索"
            style={{
              fontFamily: 'inherit',
              fontSize: 12,
              lineHeight: '16px',
              padding: '0 5px',
              color: '#8c8c8c',
              border: '1px solid #d9d9d9',
              borderRadius: 4,
            }}
          >
            /
          </kbd>
        ) : (
          <span />
        )
      }
      style={{ width: 300, flex: 'none' }}
    />
  );
}
