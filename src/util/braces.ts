// `{name}` templates in paths and server URLs, found by a scan instead of `/\{([^}]*)\}/g`.
//
// That regular expression is quadratic on hostile text: at every `{` without a closing `}` (or, stopping
// at `/`, without one before the next `/`) it scans to the end of the text or segment and fails, then
// starts again at the next `{`. `{a{a{a…` of 60,000 characters took seconds. These functions find the
// same matches, left to right and without overlap, in one pass.

export interface Template {
  /** Offset of the `{`. */
  start: number;
  /** Offset after the `}`. */
  end: number;
  /** What is between the braces. */
  name: string;
}

/**
 * The matches of `/\{([^}]*)\}/g` (or `/\{([^}/]*)\}/g` with `stopAtSlash`), in order. `nonEmpty` gives
 * `+` instead of `*`: `{}` is not a template then.
 */
export function templates(text: string, stopAtSlash = false, nonEmpty = false): Template[] {
  return spans(text, '{', '}', stopAtSlash ? '/' : undefined, nonEmpty);
}

/** The matches of `/\[[^\]]*\]/g` (character classes in a `pattern`), in order. */
export function bracketSpans(text: string): Template[] {
  return spans(text, '[', ']', undefined, false);
}

/** `open`, then anything but `close` (and `stop`), then `close`: leftmost first, without overlap. */
function spans(
  text: string,
  open: string,
  closer: string,
  stop: string | undefined,
  nonEmpty: boolean,
): Template[] {
  const out: Template[] = [];
  // The next `}` and `/` at or after where the scan is, remembered: searching again from every `{` would
  // read the same stretch once per `{`.
  let close = -1;
  let slash = -1;
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start < 0) return out;
    if (close <= start) close = text.indexOf(closer, start + 1);
    if (close < 0) return out; // no `}` after this `{`, so none after a later one either
    if (stop !== undefined && slash !== -2 && slash <= start) {
      slash = text.indexOf(stop, start + 1);
      if (slash < 0) slash = -2; // none left
    }
    if (slash >= 0 && slash < close) {
      // Every `{` before this `/` meets it before a `}`: none of them opens a template.
      from = slash + 1;
      continue;
    }
    if (nonEmpty && close === start + 1) {
      from = start + 1;
      continue;
    }
    out.push({ start, end: close + 1, name: text.slice(start + 1, close) });
    from = close + 1;
  }
}

/** `text.replace(/\{([^}]*)\}/g, (whole, name) => …)` (or `[^}/]` with `stopAtSlash`), in linear time. */
export function replaceTemplates(
  text: string,
  replacement: (whole: string, name: string) => string,
  stopAtSlash = false,
): string {
  const found = templates(text, stopAtSlash);
  if (found.length === 0) return text;
  let out = '';
  let last = 0;
  for (const t of found) {
    out += text.slice(last, t.start) + replacement(text.slice(t.start, t.end), t.name);
    last = t.end;
  }
  return out + text.slice(last);
}
